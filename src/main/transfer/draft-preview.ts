// The first thing a user hears of a transfer: a draft of its opening seconds through a smaller
// network, sent before the full network exists. The full network's first iteration arrives only
// after its 46M weights, the style target and two evaluations over the whole window (~5 s for 10 s
// of content on a 2-core laptop); the draft takes about a second and tells the user early whether
// the pairing of sounds is worth the wait. Sizes chosen by measurement: see docs/presets.md.
import type { ShallowSettings, TransferPreview } from '../../shared/transfer';
import type { ShallowTransferParams } from '../engine/params';
import { shallowTransfer } from '../engine/shallow-transfer';
import type { LogSpectrogram, StyleInput } from '../engine/spectrogram';
import { makePreview } from './preview';

/** How much of the draft: the opening seconds, a network this wide, this many iterations. */
export const DRAFT = { seconds: 3, filters: 1024, iterations: 5 } as const;

/** The draft itself: the opening seconds of `content` (frames x bins) through the draft network. */
export async function draftTransfer(
  content: LogSpectrogram,
  styles: readonly StyleInput[],
  params: ShallowTransferParams,
  settings: Pick<ShallowSettings, 'analysisRate' | 'hop'>,
  signal?: AbortSignal,
): Promise<{ opening: LogSpectrogram; result: LogSpectrogram }> {
  const frames = Math.min(
    content.frames,
    Math.max(
      params.kernelWidth,
      Math.round((DRAFT.seconds * settings.analysisRate) / settings.hop),
    ),
  );
  const opening = {
    frames,
    bins: content.bins,
    data: content.data.subarray(0, frames * content.bins),
  };
  const { spectrogram } = await shallowTransfer(
    opening,
    styles,
    {
      ...params,
      filters: Math.min(params.filters, DRAFT.filters),
      iterations: Math.min(params.iterations, DRAFT.iterations),
    },
    signal ? { signal } : {},
  );
  return { opening, result: spectrogram };
}

/** The draft as a preview of stream 0 (sent as iteration 0, marked as a draft). */
export async function draftPreview(
  content: LogSpectrogram,
  styles: readonly StyleInput[],
  params: ShallowTransferParams,
  settings: ShallowSettings,
  signal?: AbortSignal,
): Promise<TransferPreview> {
  const { opening, result } = await draftTransfer(content, styles, params, settings, signal);
  return { ...(await makePreview(result.data, opening, 0, 0, settings)), draft: true };
}
