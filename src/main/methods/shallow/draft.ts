// The first thing a user hears of a transfer: a draft of its opening seconds through a smaller
// network, sent before the full network exists. The full network's first iteration arrives only
// after its 46M weights, the style target and two evaluations over the whole window (8 s into a
// 10 s clip on the 2-core dev machine); the draft takes about a second and tells the user early
// whether the pairing of sounds is worth the wait. Sizes chosen by measurement: docs/presets.md.
// The kernel form (the default) draws no network, so its draft is the same loss on the opening
// seconds with fewer iterations; the filter count only scales the loss there.
import type { ShallowTransferParams } from './network-params';
import { shallowTransfer } from './shallow-transfer';
import type { LogSpectrogram, StyleInput } from '../../engine/spectrogram';
import type { ShallowSettings } from './parameters';
import type { Hertz } from '../../../shared/units';

/**
 * How much of the draft: the content's opening seconds, the style's opening seconds (its Gram
 * target; a texture statistic that a few seconds already pin down), a network this wide, this
 * many iterations.
 */
export const DRAFT = { seconds: 2.5, styleSeconds: 5, filters: 1024, iterations: 4 } as const;

/** The draft itself: the opening seconds of `content` (frames x bins) through the draft network. */
export async function draftTransfer(
  content: LogSpectrogram,
  styles: readonly StyleInput[],
  params: ShallowTransferParams,
  analysis: { sampleRate: Hertz; hop: ShallowSettings['hop'] },
  signal?: AbortSignal,
): Promise<{ opening: LogSpectrogram; result: LogSpectrogram }> {
  const framesOf = (seconds: number): number =>
    Math.max(params.kernelWidth, Math.round((seconds * analysis.sampleRate) / analysis.hop));
  const opening = openingOf(content, framesOf(DRAFT.seconds));
  const styleFrames = framesOf(DRAFT.styleSeconds);
  const { spectrogram } = await shallowTransfer(
    opening,
    styles.map((style) => ({ ...style, spectrogram: openingOf(style.spectrogram, styleFrames) })),
    {
      ...params,
      filters: Math.min(params.filters, DRAFT.filters),
      iterations: Math.min(params.iterations, DRAFT.iterations),
    },
    signal ? { signal } : {},
  );
  return { opening, result: spectrogram };
}

/** The first `frames` frames of a clip (all of it when shorter). */
function openingOf(clip: LogSpectrogram, frames: number): LogSpectrogram {
  if (clip.frames <= frames) return clip;
  return { frames, bins: clip.bins, data: clip.data.subarray(0, frames * clip.bins) };
}
