// Export Stems: each chosen track as its own WAV at the chosen rate and sample format, with the
// track's gain, shifted so sample 0 is the session start (a DAW lines them up by dropping them
// at bar 1), optionally padded to one common length. Written atomically; clips never overwritten.
import { lstat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ExportedStem, StemSampleFormat } from '../../shared/ipc-export';
import type { Decibels, Hertz, Seconds } from '../../shared/units';
import { ParameterError } from '../../shared/user-error';
import { readWav, resampleAudio, resampledLength, writeWav, type PcmAudio } from '../audio';
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
  sampleFormat: StemSampleFormat;
  sampleRate: Hertz;
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
    if (base.toLowerCase().endsWith('.wav')) base = base.slice(0, -4);
    let name = `${base}.wav`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}.wav`;
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
  const names = stemFileNames(job.namingPattern, job.stems, job.projectName);
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
    const offset = Math.round(stem.start * job.sampleRate);
    plans.push({ stem, offset, end: offset + frames, channels: audio.channels.length });
  }
  const commonEnd = Math.max(...plans.map((p) => p.end));
  // Each stem is built whole in float32 before it is written: the longest must fit the budget.
  for (const plan of plans) {
    const length = job.padToCommonLength ? commonEnd : plan.end;
    assertWithinBudget({
      setting: 'start',
      makes: `exporting ${plan.stem.name} (starting at ${plan.stem.start} s${job.padToCommonLength ? ', padded to the longest' : ''}) makes`,
      count: Math.ceil(length / job.sampleRate),
      unit: `seconds at ${job.sampleRate} Hz`,
      bytesPerUnit: job.sampleRate * plan.channels * 4,
      // The clip itself, resampled, is held beside it.
      fixedBytes: (plan.end - plan.offset) * plan.channels * 4,
      fix: 'move the clip earlier or export without padding',
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
    const length = job.padToCommonLength ? commonEnd : plan.end;
    const channels = source.channels.map((channel) => {
      const out = new Float32Array(length);
      out.set(channel.subarray(0, Math.max(0, length - plan.offset)), plan.offset);
      return out;
    });
    const file = join(job.folder, names[index]!);
    await writeWav(
      file,
      { sampleRate: job.sampleRate, channels },
      { sampleFormat: job.sampleFormat, protect: job.protect },
    );
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
