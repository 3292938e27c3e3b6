// Saves soon after each edit: `delayMs` after the last edit, but never later than `maxDelayMs`
// after the first unsaved one, so a long burst of edits still reaches the disk. Saves never
// overlap; an edit during a save schedules the next one.

export class Autosaver {
  private timer: NodeJS.Timeout | undefined;
  private firstPending: number | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 400,
    private readonly maxDelayMs = 2000,
  ) {}

  /** Something changed: save it soon. */
  schedule(): void {
    const now = Date.now();
    this.firstPending ??= now;
    const wait = Math.max(0, Math.min(this.delayMs, this.firstPending + this.maxDelayMs - now));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush().catch(this.onError), wait);
  }

  /** Saves now if anything is pending (after a save already under way). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running.catch(() => undefined);
    if (this.firstPending === undefined) return;
    this.firstPending = undefined;
    this.running = this.save().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  get pending(): boolean {
    return this.firstPending !== undefined || this.running !== undefined;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstPending = undefined;
  }
}
