// A transfer's memory, estimated from its settings and its clips' lengths before anything is
// analysed or built, and checked against the one budget (app/resource-budget.ts), as soon as the
// clips are read (their samples only) and before any is analysed:
//   - the window: hop, rate, windowSeconds (capped by the content's length), the method's
//     network, the styles' count: `hop 1` is refused in milliseconds;
//   - the whole clips: every stream's spectrogram through analysis and phase reconstruction, and
//     each style's.
// The figures are upper estimates of what the code holds at once, not measurements; the method
// says what its window holds (TransferMethod.windowMemory).
import type { Hertz } from '../../shared/units';
import {
  assertWithinBudget,
  memoryBudgetBytes,
  readableBytes,
  ResourceLimitError,
} from '../app/resource-budget';
import type { AnalysisSettings, PipelineSettings, TransferMethod, WindowMemory } from './method';

const FLOAT = 4;
const DOUBLE = 8;
/** L-BFGS keeps 10 pairs of float64 vectors of the variable, and ~6 more working vectors. */
export const LBFGS_BYTES_PER_VALUE = (2 * 10 + 6) * DOUBLE;
/**
 * Float32 values per bin and frame of a whole stream held at once, at the most: in analysis the
 * complex STFT (2, kept only for a content-phase start), its magnitude and log-magnitude (2); in
 * reconstruction the joined result, turned into its magnitude in place (1), and Griffin-Lim's next
 * and projected spectra (4; the rebuilt one is a single frame), beside the other streams' joined
 * results (1 each, let go as each is rebuilt). Rounded up: 8.
 */
export const STREAM_FLOATS_PER_BIN = 8;
/**
 * The same for a style clip, measured rather than counted: every style is read and analysed at
 * once, and its features are pushed through the network. 200 corpus clips of 4 s as styles (hop
 * 512 at 22,050 Hz, 174 frames each) peaked at 4,107 MiB against 831 MiB for one
 * (/usr/bin/time -f %M, timbrefold transfer --iterations 1 --phase-iterations 1): 16.9 MB a
 * clip, 23 floats per bin and frame.
 */
export const STYLE_FLOATS_PER_BIN = 24;

/** A method without its own estimate: a generic optimiser over the window's spectrogram. */
function genericWindow(bins: number): WindowMemory {
  return {
    sharedBytes: 0,
    fixedBytes: 0,
    bytesPerFrame: bins * (LBFGS_BYTES_PER_VALUE + 8 * FLOAT),
    bytesPerStyle: 0,
    fixedBy: { setting: 'nFft', makes: `nFft ${(bins - 1) * 2}`, fix: 'use a smaller nFft' },
  };
}

/** Streams a clip of `channels` channels gives in a channel mode. */
export function streamsOf(channelMode: PipelineSettings['channelMode'], channels: number): number {
  return channelMode === 'mono' ? 1 : Math.max(1, channels);
}

function windowFrames(settings: PipelineSettings, rate: Hertz, hop: number): number {
  return Math.max(1, Math.round((settings.windowSeconds * rate) / hop));
}

/**
 * Refuses settings whose window alone cannot fit: frames per window x what the method holds per
 * frame, its fixed part (per stream), and its per-style part. A rate of 0 (the content's own) is
 * checked when the content is read. Returns the window's estimated bytes (0 when not known yet).
 */
export function checkWindowMemory<S extends PipelineSettings>(
  method: Pick<TransferMethod<S>, 'windowMemory'>,
  settings: S,
  analysis: AnalysisSettings,
  shape: {
    styles: number;
    streams: number;
    contentFrames?: number;
    /** The hop is the model's (analysisFrom 'model'): then the window or the clip is what to change. */
    fixedHop?: boolean;
  },
  budget: number = memoryBudgetBytes(),
): number {
  const rate = analysis.sampleRate;
  if (!(rate > 0)) return 0;
  const bins = analysis.nFft / 2 + 1;
  const memory = method.windowMemory?.(settings, bins) ?? genericWindow(bins);
  // A window is never longer than the content it cuts.
  const wholeClip = (shape.contentFrames ?? Infinity) < windowFrames(settings, rate, analysis.hop);
  const frames = wholeClip ? shape.contentFrames! : windowFrames(settings, rate, analysis.hop);
  const perJob = memory.sharedBytes + memory.fixedBytes * shape.streams;
  if (perJob > budget) {
    const { setting, makes, fix } = memory.fixedBy;
    throw new ResourceLimitError(
      setting,
      `${makes}: about ${readableBytes(perJob)} before the first frame ` +
        `(${shape.streams} stream${shape.streams === 1 ? '' : 's'}), more than the ` +
        `${readableBytes(budget)} memory budget: ${fix}.`,
      perJob,
      budget,
    );
  }
  const fixedBytes = perJob + memory.bytesPerStyle * shape.styles;
  // The styles alone: named as the setting to change when they are what does not fit.
  assertWithinBudget(
    {
      setting: 'styles',
      makes: `${shape.styles} style clip${shape.styles === 1 ? '' : 's'} make`,
      count: shape.styles,
      unit: 'style clips',
      bytesPerUnit: memory.bytesPerStyle,
      fixedBytes: perJob,
      fix: 'use fewer style clips',
    },
    budget,
  );
  assertWithinBudget(
    {
      setting: shape.fixedHop ? (wholeClip ? 'content' : 'windowSeconds') : 'hop',
      makes: wholeClip
        ? `hop ${analysis.hop} at ${rate} Hz makes`
        : `hop ${analysis.hop} at ${rate} Hz with ${settings.windowSeconds} s windows makes`,
      count: frames,
      unit: wholeClip ? 'frames, the whole clip in one window' : 'frames per window',
      bytesPerUnit: memory.bytesPerFrame * shape.streams,
      fixedBytes,
      fix: shape.fixedHop
        ? wholeClip
          ? 'shorten the clip (transfer a region of it)'
          : 'shorten windowSeconds'
        : wholeClip
          ? 'raise hop or shorten the clip'
          : 'raise hop, or shorten windowSeconds',
    },
    budget,
  );
  return fixedBytes + frames * memory.bytesPerFrame * shape.streams;
}

export interface ClipShape {
  /** Samples at the clip's own rate, its rate and channels. */
  frames: number;
  sampleRate: Hertz;
  channels: number;
}

/**
 * Refuses clips whose whole spectrograms cannot fit at these settings: the content's streams
 * through analysis and reconstruction, and every style's analysed at once.
 */
export function checkClipMemory(
  settings: PipelineSettings,
  analysis: AnalysisSettings,
  content: ClipShape,
  styles: readonly ClipShape[],
  windowBytes: number,
  budget: number = memoryBudgetBytes(),
): void {
  const rate = analysis.sampleRate || content.sampleRate;
  const bins = analysis.nFft / 2 + 1;
  const framesOf = (clip: ClipShape) =>
    Math.ceil((clip.frames / clip.sampleRate) * (rate / analysis.hop)) + 1;
  const bytesPerFrame = bins * FLOAT * STREAM_FLOATS_PER_BIN;
  const styleBytes = styles.reduce(
    (sum, s) =>
      sum +
      framesOf(s) *
        streamsOf(settings.channelMode, s.channels) *
        bins *
        FLOAT *
        STYLE_FLOATS_PER_BIN,
    0,
  );
  const contentStreams = streamsOf(settings.channelMode, content.channels);
  const contentFrames = framesOf(content) * contentStreams;
  const contentBytes = contentFrames * bytesPerFrame;
  if (styles.length > 1 && styleBytes > contentBytes)
    assertWithinBudget(
      {
        setting: 'styles',
        makes: `${styles.length} style clips make`,
        count: styles.length,
        unit: 'style clips',
        bytesPerUnit: styleBytes / styles.length,
        fixedBytes: contentBytes + windowBytes,
        fix: 'use fewer or shorter style clips, or raise hop',
      },
      budget,
    );
  assertWithinBudget(
    {
      setting: 'hop',
      makes: `hop ${analysis.hop} at ${rate} Hz makes`,
      count: contentFrames,
      unit: `frames of the content${contentStreams > 1 ? ` (${contentStreams} streams)` : ''}`,
      bytesPerUnit: bytesPerFrame,
      fixedBytes: styleBytes + windowBytes,
      fix: 'raise hop or shorten the clip (transfer a region of it)',
    },
    budget,
  );
}
