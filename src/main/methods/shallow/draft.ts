// The first thing a user hears of a transfer: a draft of its opening seconds through a smaller
// network, sent before the full network exists. The full network's first iteration arrives only
// after its 46M weights, the style target and two evaluations over the whole window (8 s into a
// 10 s clip on the 2-core dev machine); the draft takes about a second and tells the user early
// whether the pairing of sounds is worth the wait. Sizes chosen by measurement: docs/presets.md.
import type { ShallowTransferParams } from './network-params';
import { shallowTransfer } from './shallow-transfer';
import type { LogSpectrogram, StyleInput } from '../../engine/spectrogram';
import type { ShallowSettings } from './parameters';

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
  settings: Pick<ShallowSettings, 'analysisRate' | 'hop'>,
  signal?: AbortSignal,
): Promise<{ opening: LogSpectrogram; result: LogSpectrogram }> {
  // At the content's own rate (analysisRate 0) the draft sizes its seconds at 44.1 kHz.
  const rate = settings.analysisRate || 44100;
  const framesOf = (seconds: number): number =>
    Math.max(params.kernelWidth, Math.round((seconds * rate) / settings.hop));
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
