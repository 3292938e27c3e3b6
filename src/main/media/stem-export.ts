// Export Stems: each chosen track as its own WAV, FLAC or MP3 at the chosen rate and sample
// format, with the track's gain, shifted so sample 0 is the session start, or the start of the
// exported selection (a DAW lines them up by dropping them at bar 1), optionally padded to one
// common length. Written atomically; clips and the user's sources never overwritten.
import { lstat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type {
  ExportedStem,
  Mp3Bitrate,
  StemFileFormat,
  StemSampleFormat,
} from '../../shared/ipc-export';
import type { Decibels, Hertz, Seconds } from '../../shared/units';
import { ParameterError } from '../../shared/user-error';
import {
  encodeFlac,
  encodeMp3,
  mp3Problem,
  readWav,
  resampleAudio,
  resampledLength,
  writeWav,
  type PcmAudio,
} from '../audio';
import { writeFileAtomic } from '../fs/atomic-write';
import { FileWriteError } from '../fs/errors';
import { assertNotProtected } from '../fs/protected-paths';
import { assertWithinBudget } from '../app/resource-budget';

export interface StemSource {
  trackId: string;
  name: string;
  role: string;
  /** Absolute path of the clip's WAV. */
  path: string;
  start: Seconds;
  gainDb: Decibels;
}

export interface StemExportJob {
  stems: StemSource[];
  folder: string;
  /** Default WAV. */
  fileFormat?: StemFileFormat;
  sampleFormat: StemSampleFormat;
  sampleRate: Hertz;
  /** MP3's bit rate (default 320 kbit/s). */
  mp3Bitrate?: Mp3Bitrate;
  /** Only this stretch of the session, in session seconds; sample 0 is its start. */
  range?: { start: Seconds; end: Seconds };
  padToCommonLength: boolean;
  namingPattern: string;
  projectName: string;
  /** Files that must not be overwritten (the project's own clips, the user's sources). */
  protect: string[];
  /** The user confirmed replacing existing files (never the protected ones). */
  replace?: boolean;
}

/** Refuses, before anything is written, an export that would replace a file unasked. */
async function assertNothingInTheWay(files: readonly string[], job: StemExportJob): Promise<void> {
  for (const file of files) await assertNotProtected(file, job.protect);
  if (job.replace) return;
  const existing = [];
  for (const file of files) {
    if (
      await lstat(file).then(
        () => true,
        () => false,
      )
    )
      existing.push(basename(file));
  }
  if (existing.length > 0) {
    const shown = existing.slice(0, 3).join(', ') + (existing.length > 3 ? ', ...' : '');
    throw new FileWriteError(
      'EXISTS',
      join(job.folder, existing[0]!),
      `${existing.length === 1 ? 'A file' : `${existing.length} files`} of these names already ${existing.length === 1 ? 'exists' : 'exist'} in ${job.folder} (${shown}); choose another folder or naming pattern, or confirm replacing them.`,
    );
  }
}

/** File names from the pattern: tokens filled, unsafe characters replaced, duplicates numbered. */
export function stemFileNames(
  pattern: string,
  stems: Pick<StemSource, 'name' | 'role'>[],
  projectName: string,
  extension: StemFileFormat = 'wav',
): string[] {
  const used = new Set<string>();
  const width = Math.max(2, String(stems.length).length);
  return stems.map((stem, index) => {
    const filled = pattern
      .replaceAll('{n}', String(index + 1).padStart(width, '0'))
      .replaceAll('{track}', stem.name)
      .replaceAll('{role}', stem.role)
      .replaceAll('{project}', projectName);
    let base =
      filled
        .replace(/[/\\:*?"<>|]/g, '_')
        .replace(/\p{Cc}/gu, '_')
        .replace(/^[.\s]+|[.\s]+$/g, '')
        .slice(0, 120) || `stem ${index + 1}`;
    const suffix = `.${extension}`;
    if (base.toLowerCase().endsWith(suffix)) base = base.slice(0, -suffix.length);
    let name = `${base}${suffix}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}${suffix}`;
    used.add(name.toLowerCase());
    return name;
  });
}

function gained(audio: PcmAudio, gainDb: Decibels): PcmAudio {
  if (gainDb === 0) return audio;
  const gain = 10 ** (gainDb / 20);
  return {
    sampleRate: audio.sampleRate,
    channels: audio.channels.map((c) => c.map((v) => v * gain)),
  };
}

export async function exportStems(
  job: StemExportJob,
  signal?: AbortSignal,
): Promise<ExportedStem[]> {
  if (job.stems.length === 0)
    throw new ParameterError('trackIds', 'Choose at least one track to export.');
  const format = job.fileFormat ?? 'wav';
  assertFormatFits(job, format);
  const names = stemFileNames(job.namingPattern, job.stems, job.projectName, format);
  await assertNothingInTheWay(
    names.map((name) => join(job.folder, name)),
    job,
  );
  // Lengths first, so every stem can be padded to the longest without holding them all.
  const plans = [];
  for (const stem of job.stems) {
    const { audio } = await readWav(stem.path);
    const frames = resampledLength(
      audio.channels[0]?.length ?? 0,
      audio.sampleRate,
      job.sampleRate,
    );
    if (format === 'mp3') {
      const problem = mp3Problem(audio.channels.length, job.sampleRate);
      if (problem) throw new ParameterError('fileFormat', `${stem.name}: ${problem}`);
    }
    const offset = Math.round((stem.start - (job.range?.start ?? 0)) * job.sampleRate);
    plans.push({ stem, offset, end: offset + frames, channels: audio.channels.length });
  }
  // A selection gives every stem its length; otherwise the longest stem's end.
  const commonEnd = job.range
    ? Math.round((job.range.end - job.range.start) * job.sampleRate)
    : Math.max(...plans.map((p) => p.end));
  // Each stem is built whole in float32 before it is written: the longest must fit the budget.
  for (const plan of plans) {
    const length = job.padToCommonLength || job.range ? commonEnd : plan.end;
    assertWithinBudget({
      setting: 'start',
      makes: `exporting ${plan.stem.name} (starting at ${plan.stem.start} s${job.padToCommonLength ? ', padded to the longest' : ''}) makes`,
      count: Math.ceil(length / job.sampleRate),
      unit: `seconds at ${job.sampleRate} Hz`,
      bytesPerUnit: job.sampleRate * plan.channels * 4,
      // The clip itself, resampled, is held beside it.
      fixedBytes: Math.max(0, plan.end - plan.offset) * plan.channels * 4,
      fix: 'move the clip earlier, export a selection, or export without padding',
    });
  }
  const written: ExportedStem[] = [];
  for (const [index, plan] of plans.entries()) {
    signal?.throwIfAborted();
    const { audio } = await readWav(plan.stem.path);
    const resampled =
      audio.sampleRate === job.sampleRate
        ? audio
        : await resampleAudio(audio, job.sampleRate, { quality: 'best' });
    const source = gained(resampled, plan.stem.gainDb);
    const length = job.padToCommonLength || job.range ? commonEnd : plan.end;
    const channels = source.channels.map((channel) => placed(channel, plan.offset, length));
    const file = join(job.folder, names[index]!);
    await writeStem(file, { sampleRate: job.sampleRate, channels }, job, format);
    written.push({
      trackId: plan.stem.trackId,
      file,
      sampleRate: job.sampleRate,
      frames: length,
      channels: channels.length,
    });
  }
  return written;
}

/** The clip's samples at `offset` frames into a stem of `length` frames (a negative offset drops the clip's start). */
function placed(channel: Float32Array, offset: number, length: number): Float32Array {
  const out = new Float32Array(length);
  const from = Math.max(0, -offset);
  const to = Math.max(from, Math.min(channel.length, length - offset));
  if (to > from) out.set(channel.subarray(from, to), Math.max(0, offset));
  return out;
}

/** Settings the chosen format cannot hold, refused before anything is read or written. */
function assertFormatFits(job: StemExportJob, format: StemFileFormat): void {
  if (format === 'flac' && job.sampleFormat === 'float32')
    throw new ParameterError(
      'sampleFormat',
      'FLAC holds 16- or 24-bit samples, not 32-bit float: choose 24-bit, or WAV for float.',
    );
  if (job.range && !(job.range.end > job.range.start && job.range.start >= 0))
    throw new ParameterError(
      'range',
      `The selection to export must start at 0 s or later and end after it starts; got ${job.range.start} s to ${job.range.end} s.`,
    );
}

async function writeStem(
  file: string,
  audio: PcmAudio,
  job: StemExportJob,
  format: StemFileFormat,
): Promise<void> {
  const protect = { protect: job.protect };
  if (format === 'wav') {
    await writeWav(file, audio, { sampleFormat: job.sampleFormat, ...protect });
  } else if (format === 'flac') {
    const bitsPerSample = job.sampleFormat === 'pcm16' ? 16 : 24;
    await writeFileAtomic(file, await encodeFlac(audio, { bitsPerSample }), protect);
  } else {
    await writeFileAtomic(file, encodeMp3(audio, job.mp3Bitrate ?? 320), protect);
  }
}
