// The numbers beside every render (QUALITY.md): how far the result's timbre moved toward the
// style, how well it kept the content's envelope, and how nearly the phase reconstruction reached
// the magnitude asked for. Measured on mono mixes at the content's rate, from the audio in hand.
// A render whose numbers cannot be taken (a style the model holds, a content that is all one
// level) still succeeds; the reason is recorded instead.
import type { RenderQuality } from '../../shared/transfer';
import { mixdown, resample, type PcmAudio } from '../audio';
import { measureResult, qualityReference } from '../evaluation/result-quality';

export async function measureRender(
  content: PcmAudio,
  styles: readonly { label: string; audio: PcmAudio }[],
  result: PcmAudio,
  spectralConvergence: number,
): Promise<RenderQuality> {
  const mono = (audio: PcmAudio): Float32Array =>
    audio.channels.length === 1 ? audio.channels[0]! : mixdown(audio);
  try {
    if (styles.length === 0)
      throw new Error('the style is the model’s own, so there is no style clip to measure against');
    const rate = content.sampleRate;
    const styleSignals = await Promise.all(
      styles.map(async ({ label, audio }) => ({
        label,
        samples:
          audio.sampleRate === rate
            ? mono(audio)
            : // 'medium' keeps the profile within rounding of 'best' on the corpus at a third of the cost.
              await resample(mono(audio), audio.sampleRate, rate, { quality: 'medium' }),
      })),
    );
    const reference = qualityReference(
      { label: 'the content', samples: mono(content) },
      styleSignals,
    );
    const { styleGain, contentCorrelation } = measureResult(reference, {
      label: 'the result',
      samples: mono(result),
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
