// "Play the current iterate" for the whole region: the engine renders one window of the iterate
// as sound with each preview; the mosaic places each at its place in a buffer as long as the
// job's region (the first stream: mono, the left channel or mid), crossfading where a window
// overlaps sound already there, so the listener hears every window's newest state in order.
import type { TransferPreview } from '../../shared/transfer';
import type { Seconds } from '../../shared/units';

/** Longest crossfade between a window and the sound already in place. */
const CROSSFADE_SECONDS = 0.02;

export class IterateMosaic {
  private buffer: Float32Array | null = null;
  private sampleRate = 0;
  /** How far sound has been placed (the part worth playing). */
  private filled = 0;

  constructor(private readonly duration: Seconds) {}

  add(preview: TransferPreview): void {
    if (preview.stream !== 0 || preview.audio.length === 0) return;
    if (!this.buffer || preview.sampleRate !== this.sampleRate) {
      this.sampleRate = preview.sampleRate;
      this.buffer = new Float32Array(Math.max(1, Math.round(this.duration * preview.sampleRate)));
      this.filled = 0;
    }
    const buffer = this.buffer;
    const offset = preview.startFrame * preview.hop;
    const fade = Math.round(CROSSFADE_SECONDS * preview.sampleRate);
    for (let i = 0; i < preview.audio.length; i++) {
      const at = offset + i;
      if (at < 0) continue;
      if (at >= buffer.length) break;
      const value = preview.audio[i]!;
      // Into sound placed earlier: blend over the first samples rather than cut.
      buffer[at] =
        i < fade && at < this.filled ? buffer[at]! + (value - buffer[at]!) * (i / fade) : value;
    }
    this.filled = Math.min(buffer.length, Math.max(this.filled, offset + preview.audio.length));
  }

  /** The region's iterate so far, or null before the first preview. */
  current(): { audio: Float32Array; sampleRate: number } | null {
    if (!this.buffer || this.filled === 0) return null;
    return { audio: this.buffer.slice(0, this.filled), sampleRate: this.sampleRate };
  }
}
