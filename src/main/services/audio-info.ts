// What `timbrefold info` and the app's clip inspector report about a file.
import { basename } from 'node:path';
import type { Decibels, Hertz, Lufs, Seconds } from '../../shared/units';
import { integratedLoudness, readWav, samplePeakDb } from '../audio';

export interface AudioFileInfo {
  file: string;
  format: string;
  codec: 'pcm' | 'float';
  bitDepth: number;
  channels: number;
  sampleRate: Hertz;
  frames: number;
  durationSeconds: Seconds;
  /** -Infinity for digital silence (JSON shows null). */
  samplePeakDbfs: Decibels;
  /** -Infinity when every block is below the absolute gate (JSON shows null). */
  integratedLoudnessLufs: Lufs;
  warnings: string[];
}

export async function describeAudioFile(path: string): Promise<AudioFileInfo> {
  const { audio, format, warnings } = await readWav(path);
  const frames = audio.channels[0]?.length ?? 0;
  return {
    file: path,
    format: `WAV ${format.codec === 'float' ? 'IEEE float' : 'PCM'}${format.extensible ? ' (extensible)' : ''}`,
    codec: format.codec,
    bitDepth: format.bitDepth,
    channels: audio.channels.length,
    sampleRate: audio.sampleRate,
    frames,
    durationSeconds: frames / audio.sampleRate,
    samplePeakDbfs: samplePeakDb(audio),
    integratedLoudnessLufs: integratedLoudness(
      audio,
      format.channelMask === undefined ? {} : { channelMask: format.channelMask },
    ),
    warnings,
  };
}

function decibelText(value: number, unit: string): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} ${unit}` : `-inf ${unit} (silent)`;
}

export function formatAudioFileInfo(info: AudioFileInfo): string {
  const rows: [string, string][] = [
    ['File', basename(info.file)],
    ['Format', `${info.format}, ${info.bitDepth}-bit`],
    ['Channels', String(info.channels)],
    ['Sample rate', `${info.sampleRate} Hz`],
    ['Duration', `${info.durationSeconds.toFixed(3)} s (${info.frames} samples)`],
    ['Sample peak', decibelText(info.samplePeakDbfs, 'dBFS')],
    ['Loudness', decibelText(info.integratedLoudnessLufs, 'LUFS')],
    ...info.warnings.map((w): [string, string] => ['Warning', w]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}\n`).join('');
}
