// The result lane of a running job: the engine sends the current iterate of one window at a time
// (log1p magnitudes, bins pooled for display); the mosaic places each at its frames in a
// spectrogram as long as the job's region, so the lane fills in and redraws as windows progress.
// Levels are fixed against the first preview's loudest cell, so colours stay put between frames.
import { LANE_LEVEL_RANGE_DB, type SpectrogramLevels } from '../../shared/ipc-lanes';
import type { TransferPreview } from '../../shared/transfer';
import type { Seconds } from '../../shared/units';

export class PreviewMosaic {
  private state:
    | {
        levels: Uint8Array;
        frames: number;
        bins: number;
        sampleRate: number;
        hop: number;
        a: number;
        b: number;
        topDb: number;
      }
    | undefined;

  constructor(private readonly duration: Seconds) {}

  /** Adds a preview (the first stream only: mono, the left channel or mid) and returns the lane. */
  add(preview: TransferPreview): SpectrogramLevels | null {
    if (preview.stream !== 0) return this.current();
    const state = this.state ?? this.start(preview);
    if (
      preview.bins !== state.bins ||
      preview.hop !== state.hop ||
      preview.sampleRate !== state.sampleRate
    )
      return this.current();
    const { levels, frames, bins, a, b } = state;
    const source = preview.logMagnitude;
    for (let f = 0; f < preview.frames; f++) {
      const row = preview.startFrame + f;
      if (row < 0 || row >= frames) continue;
      for (let k = 0; k < bins; k++) {
        const magnitude = Math.expm1(source[f * bins + k]!);
        const level = magnitude > 0 ? a * Math.log(magnitude) + b : 0;
        levels[row * bins + k] = level <= 0 ? 0 : level >= 255 ? 255 : Math.round(level);
      }
    }
    return this.current();
  }

  current(): SpectrogramLevels | null {
    const state = this.state;
    if (!state) return null;
    return {
      frames: state.frames,
      bins: state.bins,
      sampleRate: state.sampleRate,
      hop: state.hop,
      nFft: (state.bins - 1) * 2,
      levels: state.levels.slice(),
      topDb: state.topDb,
      rangeDb: LANE_LEVEL_RANGE_DB,
    };
  }

  private start(preview: TransferPreview) {
    let peak = 0;
    for (const v of preview.logMagnitude) peak = Math.max(peak, Math.expm1(v));
    peak ||= 1;
    const frames = Math.max(
      preview.frames,
      1 + Math.floor((this.duration * preview.sampleRate) / preview.hop),
    );
    // level = 255 (1 + (dB - top) / range) = a ln(v) + b
    const a = (255 * 20) / (Math.LN10 * LANE_LEVEL_RANGE_DB);
    this.state = {
      levels: new Uint8Array(frames * preview.bins),
      frames,
      bins: preview.bins,
      sampleRate: preview.sampleRate,
      hop: preview.hop,
      a,
      b: 255 - a * Math.log(peak),
      // The engine's log1p magnitudes are not on a full-scale reference: the top is relative.
      topDb: 0,
    };
    return this.state;
  }
}
