// The shallow random-network method (METHODS.md section 2) as the transfer skeleton calls it:
// one network per job (46M random weights at 4,096 filters) shared by every stream and window,
// a style target per stream, and a draft through a smaller network for the first preview.
import { ParameterError } from '../../../shared/user-error';
import type { LogSpectrogram } from '../../engine/spectrogram';
import type { TransferMethod } from '../method';
import { LBFGS_BYTES_PER_VALUE } from '../memory-estimate';
import { KERNEL_BLOCK_FRAMES } from './kernel-loss';
import { DEFAULT_STYLE_SAMPLING } from './kernel-style';
import { draftTransfer } from './draft';
import { checkNetworkSize, networkPart } from './network-params';
import { SHALLOW_PARAMETERS, SHALLOW_PRESETS, type ShallowSettings } from './parameters';
import { ShallowNetwork } from '../../engine/shallow-network';
import { ShallowTransferSession } from './shallow-transfer';

export const shallowMethod: TransferMethod<ShallowSettings> = {
  name: 'shallow',
  label: 'Shallow random network',
  doc: 'a random one-layer network (fast to start, no model needed)',
  parameters: SHALLOW_PARAMETERS,
  presets: SHALLOW_PRESETS,
  analysisFrom: 'settings',

  check(settings) {
    if (settings.analysisRate > 0 && settings.analysisRate < 8000)
      throw new ParameterError(
        'analysisRate',
        `analysisRate must be 0 (the content’s own rate) or from 8000 to 192000 Hz, not ${settings.analysisRate}.`,
      );
    if (settings.hop > settings.nFft / 2)
      throw new ParameterError(
        'hop',
        `hop must be a whole number of samples from 1 to nFft / 2 (${settings.nFft / 2}), not ${settings.hop}.`,
      );
    // Each value passed its declaration; what is left is the rule across the two weights.
    if (settings.contentWeight === 0 && settings.styleWeight === 0)
      throw new ParameterError(
        'styleWeight',
        'contentWeight and styleWeight are both 0: there is nothing to optimise.',
      );
    return settings;
  },

  windowMemory(settings, bins) {
    const { filters, kernelWidth } = settings;
    // Per frame: the optimiser's float64 vectors and a few float32 copies of the spectrogram.
    const spectrogram = bins * (LBFGS_BYTES_PER_VALUE + 8 * 4);
    if (settings.network === 'kernel')
      return {
        sharedBytes: 0,
        // One block of the frames x frames kernel terms (~30 blockFrames^2 floats).
        fixedBytes: 30 * KERNEL_BLOCK_FRAMES ** 2 * 4,
        bytesPerFrame: spectrogram,
        // Each style's kept patches (at most maxFrames conv frames) and their norms.
        bytesPerStyle: 2 * DEFAULT_STYLE_SAMPLING.maxFrames * bins * 4,
        fixedBy: { setting: 'nFft', makes: `nFft ${settings.nFft}`, fix: 'use a smaller nFft' },
      };
    return {
      // The filter bank in its two layouts (checkNetworkSize), once per job.
      sharedBytes: 2 * 4 * filters * bins * kernelWidth,
      // The style target, the current Gram and its gradient, per stream.
      fixedBytes: 3 * filters * filters * 4,
      // Pre-activations, activations, the content's features and their gradients, per frame.
      bytesPerFrame: spectrogram + 6 * filters * 4,
      // A style's Gram is accumulated chunk by chunk into the target (style-target.ts).
      bytesPerStyle: 0,
      fixedBy: { setting: 'filters', makes: `${filters} filters`, fix: 'use fewer filters' },
    };
  },

  async open({ settings, signal }) {
    const params = networkPart(settings);
    const bins = settings.nFft / 2 + 1;
    // Refused before any weight exists: a filter bank larger than the engine allows. The kernel
    // form draws no filters, so it has no such limit.
    const kernel = params.network === 'kernel';
    if (!kernel) checkNetworkSize(params.filters, bins, params.kernelWidth);
    // Built at the first stream, after the draft: the draft is what the user hears first. Never
    // built for the kernel form.
    let network: ShallowNetwork | undefined;
    return {
      settings,
      analysis: { sampleRate: settings.analysisRate, nFft: settings.nFft, hop: settings.hop },
      minimumFrames: params.kernelWidth,
      noLosses: { total: 0, content: 0, style: 0 },
      draft: (content, styles, sampleRate, draftSignal) =>
        draftTransfer(
          content,
          styles,
          params,
          { sampleRate, hop: settings.hop },
          draftSignal ?? signal,
        ),
      async streamOptimiser(styles, longestWindow) {
        if (!kernel)
          network ??= new ShallowNetwork(
            { bins, filters: params.filters, kernelWidth: params.kernelWidth },
            params.seed,
          );
        const session = await ShallowTransferSession.create(bins, styles, params, {
          contentFrames: longestWindow,
          ...(network && { network }),
        });
        return {
          optimise: async (window: LogSpectrogram, startFrame, onIteration) => {
            const result = await session.transfer(window, {
              ...(signal && { signal }),
              startFrame,
              onIteration: (step) =>
                onIteration({
                  iteration: step.iteration,
                  losses: { total: step.loss, content: step.contentLoss, style: step.styleLoss },
                  current: step.current,
                }),
            });
            const { total, content, style } = result.finalLoss;
            return { data: result.spectrogram.data, finalLosses: { total, content, style } };
          },
          dispose: () => session.dispose(),
        };
      },
      dispose: () => network?.dispose(),
    };
  },
};
