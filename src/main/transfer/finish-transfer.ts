// The last two stages every transfer method shares: phase reconstruction of each joined stream,
// then the result in the user's format (rate, length, channels, fades at region cuts, a safe level)
// written atomically. One copy, so the methods cannot drift apart.
import type { ChannelMode, TransferProgress } from '../../shared/transfer';
import type { Hertz, Samples, Seconds } from '../../shared/units';
import { writeWav, type PcmAudio } from '../audio';
import { inverseLogMagnitude, reconstructPhase } from '../dsp';
import { assertNotProtected } from '../fs/protected-paths';
import type { AnalysedStream } from './analysis';
import { followContentDynamics } from './follow-dynamics';
import { fadeCutEdges, limitPeak, streamsToChannels, toOutputRate } from './output';
import { recipePathFor } from './recipe';

export interface PhaseSettings {
  phaseMethod: 'gl' | 'fgla';
  phaseIterations: number;
  phaseStart: 'random' | 'content';
  seed: number;
  /** How closely the rebuilt sound's loudness follows the content's (follow-dynamics.ts). */
  followDynamics?: number;
}

/** What a consumed stream's spectrogram is replaced with. */
const RELEASED = new Float32Array(0);

/** Reports reconstruction progress; every method's progress callback accepts this much. */
type Progress = (event: Pick<TransferProgress, 'phase' | 'iteration' | 'iterations'>) => void;

/**
 * Rebuilds each stream's audio from its joined log-magnitude spectrogram, over the whole stream.
 * Consumes `joined`: each spectrogram becomes its magnitude in place and is let go once its
 * stream is rebuilt (212 MB a stream for a 10-minute song at 44.1 kHz).
 */
async function reconstructStreams(
  streams: readonly Pick<AnalysedStream, 'samples' | 'shape' | 'phase'>[],
  joined: Float32Array[],
  settings: PhaseSettings & { analysisRate: Hertz },
  progress: Progress,
  signal?: AbortSignal,
): Promise<{ rebuilt: Float32Array[]; spectralConvergence: number }> {
  const rebuilt: Float32Array[] = [];
  let convergence = 0;
  const total = streams.length * settings.phaseIterations;
  for (const [s, stream] of streams.entries()) {
    if (settings.phaseStart === 'content' && !stream.phase)
      throw new Error('reconstructStreams: the content phase was not kept at analysis');
    const magnitude = inverseLogMagnitude(joined[s]!, joined[s]);
    joined[s] = RELEASED;
    const { audio, spectralConvergence } = await reconstructPhase(magnitude, stream.shape, {
      length: stream.samples.length,
      iterations: settings.phaseIterations,
      method: settings.phaseMethod,
      initialPhase: settings.phaseStart === 'content' ? stream.phase! : 'random',
      seed: settings.seed + 2,
      ...(signal && { signal }),
      onProgress: ({ iteration }) =>
        progress({
          phase: 'reconstruction',
          iteration: s * settings.phaseIterations + iteration,
          iterations: total,
        }),
    });
    rebuilt.push(
      followContentDynamics(
        audio,
        stream.samples,
        settings.followDynamics ?? 0,
        settings.analysisRate,
        audio,
      ),
    );
    // Of the sound as rebuilt, before it follows the content: the phase reconstruction's measure.
    convergence += spectralConvergence / streams.length;
  }
  // The mean over streams: how nearly the sound has the magnitude the method asked for.
  return { rebuilt, spectralConvergence: convergence };
}

export interface ResultPlacement {
  /** The content region that was transferred, at the content's rate. */
  region: PcmAudio;
  /** Where the region starts in the content, and the content's whole length, in samples. */
  regionStart: Samples;
  contentLength: Samples;
}

/** Back to the content's rate, length and channels, faded at region cuts, limited, and written. */
async function writeResult(
  rebuilt: Float32Array[],
  analysis: { channelMode: ChannelMode; analysisRate: Hertz },
  placement: ResultPlacement,
  output: string,
  protect: readonly string[],
): Promise<{ channels: number; frames: Samples; gainDb: number; audio: PcmAudio }> {
  const { region, regionStart, contentLength } = placement;
  const frames = region.channels[0]!.length;
  const channels = await toOutputRate(
    streamsToChannels(rebuilt, analysis.channelMode, region.channels.length),
    analysis.analysisRate,
    region.sampleRate,
    frames,
  );
  const audio = { sampleRate: region.sampleRate, channels };
  fadeCutEdges(audio, regionStart > 0, regionStart + frames < contentLength);
  const gainDb = limitPeak(audio);
  await writeWav(output, audio, { sampleFormat: 'float32', protect });
  return { channels: channels.length, frames, gainDb, audio };
}

/** What a request says about its files and region: the same fields in both methods' requests. */
export interface FinishRequest {
  content: string;
  styles: readonly { path: string }[];
  output: string;
  region?: { start: Seconds; end: Seconds };
}

/** The request's input files: what neither the result nor its recipe may ever replace. */
function inputsOf(request: FinishRequest): string[] {
  return [request.content, ...request.styles.map((style) => style.path)];
}

/**
 * Refuses, before any work, a request whose result or recipe would replace one of its inputs
 * (the writes refuse again, in case a file appears in between).
 */
export async function assertOutputsSpareInputs(request: FinishRequest): Promise<void> {
  await assertNotProtected(request.output, inputsOf(request));
  await assertNotProtected(recipePathFor(request.output), [...inputsOf(request), request.output]);
}

/**
 * Both stages in order, as every method runs them: reconstruction, a 'writing' progress event,
 * the written result (the inputs protected). Returns what was written and the reconstruction's
 * wall time.
 */
export async function finishTransfer(job: {
  streams: readonly Pick<AnalysedStream, 'samples' | 'shape' | 'phase'>[];
  /** Each stream's joined log-magnitudes; consumed (reconstructStreams). */
  joined: Float32Array[];
  settings: PhaseSettings & { channelMode: ChannelMode; analysisRate: Hertz };
  progress: Progress;
  signal: AbortSignal | undefined;
  request: FinishRequest;
  /** The transferred region of the content, at the content's rate, and the content's length. */
  region: PcmAudio;
  contentLength: Samples;
}): Promise<{
  written: Omit<Awaited<ReturnType<typeof writeResult>>, 'audio'>;
  /** What was written, as audio (for the metrics beside the result). */
  result: PcmAudio;
  reconstructionSeconds: Seconds;
  spectralConvergence: number;
}> {
  const { request, region, settings, progress } = job;
  const started = performance.now();
  const { rebuilt, spectralConvergence } = await reconstructStreams(
    job.streams,
    job.joined,
    settings,
    progress,
    job.signal,
  );
  const reconstructionSeconds = (performance.now() - started) / 1000;
  progress({ phase: 'writing', iteration: 0, iterations: 1 });
  const written = await writeResult(
    rebuilt,
    settings,
    {
      region,
      regionStart: request.region ? Math.round(request.region.start * region.sampleRate) : 0,
      contentLength: job.contentLength,
    },
    request.output,
    inputsOf(request),
  );
  const { audio, ...summary } = written;
  return { written: summary, result: audio, reconstructionSeconds, spectralConvergence };
}
