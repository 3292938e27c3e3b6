// From files to the engine's unit of work: decode, cut the region, resample to the analysis rate,
// split channels by the chosen mode, then STFT and log-magnitude.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ChannelMode } from '../../shared/transfer';
import type { Hertz, Seconds } from '../../shared/units';
import { ParameterError } from '../../shared/user-error';
import {
  AudioFileError,
  mixdown,
  readWav,
  resample,
  toMidSide,
  type PcmAudio,
  type WavFormat,
} from '../audio';
import { logMagnitude, magnitude, stft, type Spectrogram, type StftShape } from '../dsp';
import type { LogSpectrogram } from '../engine/spectrogram';
import type { AnalysisSettings } from '../methods/method';

export interface LoadedClip {
  path: string;
  audio: PcmAudio;
  format: WavFormat;
  sha256: string;
  /** What the reader noticed, one sentence each (a float file above full scale ...). */
  warnings: string[];
}

export async function loadClip(path: string): Promise<LoadedClip> {
  const decoded = await readWav(path);
  // Hashed from a second read: the file is in the page cache by now, and readWav keeps its
  // careful error mapping for missing, odd or oversized files in one place.
  const sha256 = createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
  return {
    path,
    audio: decoded.audio,
    format: decoded.format,
    sha256,
    warnings: decoded.warnings,
  };
}

/** The part of a clip between two times; the whole clip when no region is given. */
export function cutRegion(
  audio: PcmAudio,
  region: { start: Seconds; end: Seconds } | undefined,
): PcmAudio {
  if (!region) return audio;
  const length = audio.channels[0]?.length ?? 0;
  const duration = length / audio.sampleRate;
  const { start, end } = region;
  if (!(
    Number.isFinite(start) &&
    Number.isFinite(end) &&
    start >= 0 &&
    end > start &&
    start < duration
  )) {
    throw new ParameterError(
      'region',
      `The region ${start} s to ${end} s is not inside the content (${duration.toFixed(2)} s long).`,
    );
  }
  const from = Math.round(start * audio.sampleRate);
  const to = Math.min(length, Math.round(end * audio.sampleRate));
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => c.subarray(from, to)),
  };
}

/** One signal the engine transfers: the mono mix, one channel, or mid or side. */
export interface AnalysisStream {
  name: string;
  samples: Float32Array;
}

export function splitStreams(audio: PcmAudio, mode: ChannelMode): AnalysisStream[] {
  const channels = audio.channels;
  if (channels.length === 1) return [{ name: 'mono', samples: channels[0]! }];
  if (mode === 'mono') return [{ name: 'mono', samples: mixdown(audio) }];
  if (mode === 'mid-side') {
    if (channels.length !== 2) {
      throw new ParameterError(
        'channelMode',
        `Mid/side needs stereo, and this clip has ${channels.length} channels: use mono or per-channel.`,
      );
    }
    const { mid, side } = toMidSide(channels[0]!, channels[1]!);
    return [
      { name: 'mid', samples: mid },
      { name: 'side', samples: side },
    ];
  }
  return channels.map((samples, i) => ({ name: `channel ${i + 1}`, samples }));
}

export async function toAnalysisRate(
  stream: AnalysisStream,
  from: Hertz,
  to: Hertz,
): Promise<AnalysisStream> {
  if (from === to) return stream;
  // 'fast' (97 dB SNR in libsamplerate's figures) is still below what a log-magnitude analysis
  // resolves, and comes before the first preview: 22 s of audio took 0.14 s here, 'medium' 0.34 s.
  return {
    name: stream.name,
    samples: await resample(stream.samples, from, to, { quality: 'fast' }),
  };
}

export interface AnalysedStream {
  name: string;
  samples: Float32Array;
  /** The STFT's shape: what phase reconstruction rebuilds into. */
  shape: StftShape;
  /**
   * The stream's own phase (its complex STFT), kept only when asked for: reconstruction from the
   * content's phase needs it, and nothing else does. Twice the log-magnitude's size: 848 MB for a
   * 10-minute stereo song at 44.1 kHz.
   */
  phase?: Pick<Spectrogram, 're' | 'im'>;
  logMagnitude: LogSpectrogram;
}

export function analyse(
  stream: AnalysisStream,
  analysis: Pick<AnalysisSettings, 'nFft' | 'hop' | 'winLength'>,
  options: { keepPhase?: boolean } = {},
): AnalysedStream {
  const { nFft, hop, winLength } = analysis;
  const spectrum = stft(stream.samples, {
    nFft,
    hop,
    ...(winLength !== undefined && { winLength }),
  });
  const { re, im, ...shape } = spectrum;
  return {
    ...stream,
    shape,
    ...(options.keepPhase && { phase: { re, im } }),
    logMagnitude: {
      frames: spectrum.frames,
      bins: spectrum.bins,
      data: logMagnitude(magnitude(spectrum)),
    },
  };
}

/** A style clip that is digital silence has no timbre to give: say so before any work is done. */
export function checkNotSilent(clip: LoadedClip, role: string): void {
  const silent = clip.audio.channels.every((channel) => channel.every((s) => s === 0));
  if (silent) {
    throw new AudioFileError(
      'EMPTY',
      clip.path,
      `The ${role} clip ${clip.path} is silent: there is nothing to take a ${role} from.`,
    );
  }
}
