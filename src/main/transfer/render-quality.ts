// The numbers beside every render (QUALITY.md): how far the result's timbre moved toward the
// style, how well it kept the content's envelope, and how nearly the phase reconstruction reached
// the magnitude asked for. Measured on mono mixes at the content's rate, from the audio in hand.
// A render whose numbers cannot be taken (a style the model holds, a content that is all one
// level) still succeeds; the reason is recorded instead.
import type { RenderQuality } from '../../shared/transfer';
import type { PcmAudio } from '../audio';
import { monoAtRate } from '../evaluation/quality-files';
import { measureResult, qualityReference } from '../evaluation/result-quality';

/**
 * A style at another rate than the content's is resampled at 'medium' quality, not evaluate
 * metrics' 'best' (about 3 s a minute of 44.1 kHz), to keep that cost off every render. The two
 * can then differ slightly: the evaluation room measured gain 0.0081 ('medium') against 0.0134
 * ('best') for a 16 kHz clip against 44.1 kHz ones. At equal rates they are the same numbers.
 */
const STYLE_RESAMPLING = 'medium';

export async function measureRender(
  content: PcmAudio,
  styles: readonly { label: string; audio: PcmAudio }[],
  result: PcmAudio,
  spectralConvergence: number,
): Promise<RenderQuality> {
  try {
    if (styles.length === 0)
      throw new Error('the style is the model’s own, so there is no style clip to measure against');
    const rate = content.sampleRate;
    const styleSignals = await Promise.all(
      styles.map(async ({ label, audio }) => ({
        label,
        samples: await monoAtRate(audio, rate, STYLE_RESAMPLING),
      })),
    );
    const reference = qualityReference(
      { label: 'the content', samples: await monoAtRate(content, rate) },
      styleSignals,
    );
    const { styleGain, contentCorrelation } = measureResult(reference, {
      label: 'the result',
      samples: await monoAtRate(result, rate),
    });
    return { styleGain, contentCorrelation, spectralConvergence };
  } catch (error) {
    return {
      styleGain: null,
      contentCorrelation: null,
      spectralConvergence,
      note: error instanceof Error ? error.message : String(error),
    };
  }
}
