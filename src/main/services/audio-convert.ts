// `timbrefold convert` and the app's export share this: read, remix, resample, encode, write atomically.
import type { Hertz } from '../../shared/units';
import { readWav, resampleAudio, writeWav } from '../audio';
import type { WavFormat } from '../audio';
import { encodeMidSide, remixChannels } from './channel-remix';

export type SampleFormat = 'pcm16' | 'pcm24' | 'float32';

export interface ConvertOptions {
  sampleRate?: Hertz;
  sampleFormat?: SampleFormat;
  channels?: number;
  midSide?: boolean;
}

export interface ConvertResult {
  input: WavFormat;
  output: { sampleRate: Hertz; channels: number; sampleFormat: SampleFormat; frames: number };
}

/** The output format that loses nothing of the input, when the user names none. */
export function losslessSampleFormat(format: WavFormat): SampleFormat {
  if (format.codec === 'float') return 'float32';
  if (format.bitDepth <= 16) return 'pcm16';
  if (format.bitDepth <= 24) return 'pcm24';
  return 'float32';
}

export async function convertAudioFile(
  inputPath: string,
  outputPath: string,
  options: ConvertOptions,
): Promise<ConvertResult> {
  const { audio, format } = await readWav(inputPath);
  let result = remixChannels(audio, options.channels ?? audio.channels.length);
  if (options.midSide) result = encodeMidSide(result);
  if (options.sampleRate !== undefined && options.sampleRate !== result.sampleRate) {
    result = await resampleAudio(result, options.sampleRate);
  }
  const sampleFormat = options.sampleFormat ?? losslessSampleFormat(format);
  await writeWav(outputPath, result, { sampleFormat, protect: [inputPath] });
  return {
    input: format,
    output: {
      sampleRate: result.sampleRate,
      channels: result.channels.length,
      sampleFormat,
      frames: result.channels[0]?.length ?? 0,
    },
  };
}
