// A progress bar on stderr when a person is watching; silence when output is piped.
import { SingleBar, Presets } from 'cli-progress';

export interface ProgressReporter {
  update(done: number, payload?: Record<string, string>): void;
  setTotal(total: number): void;
  stop(): void;
}

export function createProgressBar(total: number, format: string): ProgressReporter {
  if (!process.stderr.isTTY)
    return { update: () => undefined, setTotal: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format, stream: process.stderr, hideCursor: true, etaBuffer: 20, clearOnComplete: false },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done, payload) => bar.update(done, payload),
    setTotal: (newTotal) => bar.setTotal(newTotal),
    stop: () => bar.stop(),
  };
}

/** The time left as a bar shows it: "12 s", or "?" before an estimate exists. */
export function remainingText(seconds: number | undefined): string {
  return seconds === undefined ? '?' : `${Math.ceil(seconds)} s`;
}
