// The two envelope terms of seed 004 for the shallow method (issue 14, lever 2), as the CNN method
// has them (engine/cnn/envelopes.ts): the temporal energy envelope (mean over bins of S per frame)
// and the frequency envelope (mean over frames of S per bin, the time-averaged spectrum the Gram
// matrix carries only implicitly), each a squared distance to the style's, weighted by
// energyWeight and frequencyWeight. They depend on S alone, so they are added here, in float64
// with their exact gradients, around either objective (finite network or kernel form). Both are
// style-side terms: their values are reported inside `style`.
import type { Frames } from '../../../shared/units';
import {
  alignedEnergyTarget,
  energyEnvelope,
  envelopeLoss,
  frequencyEnvelope,
  mixEnvelopes,
} from '../../engine/cnn/envelopes';
import type { Evaluation } from './objective';
import type { WeightedStyle } from './style-target';

export interface EnvelopeWeights {
  energyWeight: number;
  frequencyWeight: number;
}

/** The style side of the envelope terms: each clip's energy envelope, the mixed spectrum. */
export interface EnvelopeStyle {
  energy: { envelope: Float64Array; share: number }[];
  frequency: Float64Array;
}

export function envelopeStyle(styles: readonly WeightedStyle[]): EnvelopeStyle {
  return {
    energy: styles.map((s) => ({ envelope: energyEnvelope(s.spectrogram), share: s.share })),
    frequency: mixEnvelopes(
      styles.map((s) => frequencyEnvelope(s.spectrogram)),
      styles.map((s) => s.share),
    ),
  };
}

interface BaseObjective {
  bins: number;
  frames: Frames;
  evaluate(x: Float32Array): Evaluation;
}

/**
 * `base` plus energyWeight * energy + frequencyWeight * frequency, for a window of `frames`
 * frames starting at `startFrame` of the content (the style's energy envelope plays at its own
 * pace and loops, as the CNN method aligns it). `base` itself when both weights are 0.
 */
export function withEnvelopes<O extends BaseObjective>(
  base: O,
  style: EnvelopeStyle | undefined,
  weights: EnvelopeWeights,
  startFrame: Frames,
): BaseObjective {
  const { energyWeight, frequencyWeight } = weights;
  if (!style || (energyWeight === 0 && frequencyWeight === 0)) return base;
  const { bins, frames } = base;
  const energyTarget = new Float64Array(frames);
  for (const { envelope, share } of style.energy) {
    const aligned = alignedEnergyTarget(envelope, startFrame, frames);
    for (let t = 0; t < frames; t++) energyTarget[t]! += share * aligned[t]!;
  }
  return {
    bins,
    frames,
    evaluate(x: Float32Array): Evaluation {
      const e = base.evaluate(x);
      const gradient = e.gradient;
      // x is bins x frames: in envelopeLoss's frames x bins terms its rows (bins) are "frames",
      // so the frequency envelope is its 'time' axis and the energy envelope its 'frequency' axis.
      let extra = 0;
      if (frequencyWeight > 0)
        extra +=
          frequencyWeight *
          envelopeLoss(x, bins, frames, style.frequency, 'time', gradient, frequencyWeight);
      if (energyWeight > 0)
        extra +=
          energyWeight *
          envelopeLoss(x, bins, frames, energyTarget, 'frequency', gradient, energyWeight);
      return { ...e, total: e.total + extra, style: e.style + extra, gradient };
    },
  };
}
