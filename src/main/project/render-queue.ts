// The render queue: transfer jobs for the open project, several at once (each in its own engine
// worker), the rest waiting their turn. Progress, losses and preview spectrograms are relayed to
// the page as they arrive; a finished job's WAV becomes a result track (one undoable step).
import { relative } from 'node:path';
import type {
  JobSnapshot,
  JobSummary,
  JobUpdate,
  LossPoint,
  TransferStartRequest,
} from '../../shared/ipc-jobs';
import type { SpectrogramLevels } from '../../shared/ipc-lanes';
import type { TrackState } from '../../shared/ipc-project';
import type {
  StyleSource,
  TransferProgress,
  TransferRequest,
  TransferResult,
} from '../../shared/transfer';
import { presetSettings } from '../../shared/parameters';
import { ParameterError, isUserFacingError } from '../../shared/user-error';
import { JobCancelledError } from '../jobs/errors';
import type { EngineJobRunner } from '../worker/engine-jobs';
import { IterateMosaic } from '../peaks/iterate-mosaic';
import { PreviewMosaic } from '../peaks/preview-mosaic';
import { methodNamed } from '../methods/registry';
import { describeProjectWav, newId } from './audio-import';
import { releaseAudioName, reserveAudioName } from './project-files';
import { resultTrackName } from './result-names';
import type { ProjectSession } from './session';

export interface RenderQueueOptions {
  engine: EngineJobRunner;
  session: ProjectSession;
  emit: (update: JobUpdate) => void;
  /** Jobs running at once (default: 2). */
  concurrency?: number;
  /** Where a model's method finds its models. */
  models: {
    /** The user's model cache. */
    dir: string;
    /** Folders of models shipped with the app. */
    shipped: string[];
  };
}

interface Job {
  summary: JobSummary;
  request: TransferStartRequest;
  losses: LossPoint[];
  preview: SpectrogramLevels | null;
  mosaic: PreviewMosaic;
  /** The newest iterate of the whole region as sound (each window's quick phase reconstruction). */
  iterate: IterateMosaic;
  /** The trained CNN's model, once the engine names it. */
  model: string | null;
  abort: AbortController;
  /** The project folder the job writes into; a job never outlives its project. */
  folder: string;
  startedAt: number;
}

/** Preview spectrograms per run: often enough to watch, rarely enough to cost nothing. */
function previewEvery(iterations: number): number {
  return Math.max(1, Math.round(iterations / 40));
}

export class RenderQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: string[] = [];
  private running = 0;
  private counter = 0;
  readonly concurrency: number;

  constructor(private readonly options: RenderQueueOptions) {
    this.concurrency = options.concurrency ?? 2;
  }

  list(): JobSnapshot[] {
    return [...this.jobs.values()].map((job) => ({
      ...job.summary,
      losses: job.losses,
      preview: job.preview,
    }));
  }

  /** The newest iterate of a job as sound, for "play the current iterate". */
  latestIterate(jobId: string): { audio: Float32Array; sampleRate: number } | null {
    return this.requireJob(jobId).iterate.current();
  }

  start(request: TransferStartRequest): JobSummary {
    const { session } = this.options;
    const content = session.findTrack(request.contentTrackId);
    if (content.role !== 'content')
      throw new ParameterError('contentTrackId', `${content.name} is not a content track.`);
    const method = methodNamed(request.method);
    const styleFromModel = method.styleFrom === 'model';
    if (!styleFromModel && request.styles.length === 0)
      throw new ParameterError('styles', 'Choose at least one style track for the transfer.');
    const styles = request.styles.map((s) => {
      const track = session.findTrack(s.trackId);
      if (track.role !== 'style')
        throw new ParameterError('styles', `${track.name} is not a style track.`);
      return track;
    });
    const clip = content.clip;
    let start = clip.start;
    let end = clip.start + clip.duration;
    if (request.region) {
      start = Math.max(start, request.region.start);
      end = Math.min(end, request.region.end);
      if (!(end - start > 0.05))
        throw new ParameterError(
          'region',
          `The selected region does not overlap ${content.name}; select part of the content track.`,
        );
    }
    const id = `job-${++this.counter}-${newId().slice(0, 6)}`;
    const styleNames = styleFromModel
      ? (request.model ?? method.name)
      : styles.map((s) => s.name).join(' + ');
    const fullName = `${content.name} × ${styleNames} (${request.method})`;
    const preset = method.presets.find((p) => p.name === request.preset) ?? method.presets[0]!;
    const inForce = { ...presetSettings(method.parameters, preset), ...request.settings };
    const styleWeight = inForce['styleWeight'];
    const target = inForce['to'];
    const name = resultTrackName({
      method: request.method,
      styles: styles.map((s) => s.name),
      content: content.name,
      model: request.model ?? null,
      ...(typeof target === 'string' && target !== '' && { target }),
      ...(typeof styleWeight === 'number' && { styleWeight }),
      taken: [
        ...session.current.tracks.map((t) => t.name),
        ...[...this.jobs.values()]
          .filter((j) => j.summary.state === 'queued' || j.summary.state === 'running')
          .map((j) => j.summary.name),
      ],
    });
    // A one-pass method has no iterations: 0 planned.
    const asked =
      request.settings['iterations'] ?? presetSettings(method.parameters, preset)['iterations'];
    const iterations = typeof asked === 'number' ? asked : 0;
    const job: Job = {
      summary: {
        id,
        name,
        fullName,
        state: 'queued',
        contentTrackId: content.id,
        styleTrackIds: styles.map((s) => s.id),
        start,
        duration: end - start,
        phase: null,
        iteration: 0,
        iterations,
        elapsedSeconds: 0,
        remainingSeconds: null,
        resultTrackId: null,
        error: null,
        previews: 0,
      },
      request: { ...request, region: request.region ? { start, end } : null },
      losses: [],
      preview: null,
      mosaic: new PreviewMosaic(end - start),
      iterate: new IterateMosaic(end - start),
      model: null,
      abort: new AbortController(),
      folder: session.folder,
      startedAt: 0,
    };
    this.jobs.set(id, job);
    this.waiting.push(id);
    this.emit(job);
    this.pump();
    return job.summary;
  }

  /**
   * Several content clips at once through a method whose style is its model's (the fast method:
   * one pass each): one job per clip, whole clips, each its own result track. Every track is
   * checked before any job starts.
   */
  startBatch(request: TransferStartRequest, contentTrackIds: readonly string[]): JobSummary[] {
    const method = methodNamed(request.method);
    if (method.styleFrom !== 'model')
      throw new ParameterError(
        'contentTrackIds',
        `Several clips at once are for a method with its style in its model (the fast method), not ${method.label}: start one transfer per clip.`,
      );
    const ids = [...new Set(contentTrackIds)];
    for (const id of ids) {
      const track = this.options.session.findTrack(id);
      if (track.role !== 'content')
        throw new ParameterError('contentTrackIds', `${track.name} is not a content track.`);
    }
    return ids.map((contentTrackId) => this.start({ ...request, contentTrackId, region: null }));
  }

  cancel(jobId: string): JobSummary {
    const job = this.requireJob(jobId);
    if (job.summary.state === 'queued') {
      this.waiting.splice(this.waiting.indexOf(jobId), 1);
      this.finish(job, { state: 'cancelled' });
    } else if (job.summary.state === 'running') {
      job.abort.abort();
    }
    return job.summary;
  }

  /** Cancels everything (the project is closing). */
  cancelAll(): void {
    for (const job of this.jobs.values()) {
      if (job.summary.state === 'queued' || job.summary.state === 'running')
        this.cancel(job.summary.id);
    }
  }

  /** Forgets finished jobs of another project. */
  clearFinished(): void {
    for (const [id, job] of this.jobs) {
      if (job.summary.state !== 'queued' && job.summary.state !== 'running') this.jobs.delete(id);
    }
  }

  private requireJob(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new ParameterError('jobId', `There is no transfer job "${jobId}".`);
    return job;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.jobs.get(this.waiting.shift()!)!;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    const { session, engine } = this.options;
    job.startedAt = Date.now();
    this.update(job, { state: 'running' });
    let output: string | undefined;
    try {
      const content = session.findTrack(job.request.contentTrackId);
      // Reserved as the job starts, so two jobs running together never share a result file.
      output = await reserveAudioName(job.folder, job.summary.fullName.replace('×', 'x'));
      // Clips are read only as plain files of the project, never through a link.
      const styles: StyleSource[] = await Promise.all(
        job.request.styles.map(async (s) => ({
          path: await session.readablePathOf(session.findTrack(s.trackId).clip.file),
          weight: s.weight,
        })),
      );
      const region = job.request.region && {
        start: job.request.region.start - content.clip.start,
        end: job.request.region.end - content.clip.start,
      };
      const files = {
        content: await session.readablePathOf(content.clip.file),
        styles,
        output: session.pathOf(output),
        ...(region && { region }),
        previewEvery: previewEvery(job.summary.iterations || 100),
      };
      const progress = { signal: job.abort.signal, onProgress: this.progress.bind(this, job) };
      const method = methodNamed(job.request.method);
      const transfer: TransferRequest = {
        method: method.name,
        preset: job.request.preset,
        settings: job.request.settings,
        ...(method.usesModel && {
          ...(job.request.model !== undefined && { model: job.request.model }),
          modelsDir: this.options.models.dir,
          // The worker cannot find the app's resources by itself in a packaged build: name them.
          shippedModelsDirs: this.options.models.shipped,
        }),
        ...files,
        backend: 'auto',
      };
      const result: TransferResult = await engine.run('transfer', transfer, progress);
      job.model = result.model?.name ?? null;
      if (session.folder !== job.folder) throw new JobCancelledError('transfer');
      const track = await this.resultTrack(job, output, result, content);
      session.addTracks([track], `Add ${track.name}`);
      this.finish(job, { state: 'finished', resultTrackId: track.id, phase: null });
    } catch (error) {
      if (output !== undefined) await releaseAudioName(job.folder, output).catch(() => undefined);
      if (error instanceof JobCancelledError || job.abort.signal.aborted) {
        this.finish(job, { state: 'cancelled' });
      } else {
        const message =
          error instanceof Error
            ? isUserFacingError(error)
              ? error.message
              : `The transfer failed: ${error.message}`
            : `The transfer failed: ${String(error)}`;
        this.finish(job, { state: 'failed', error: message });
      }
    }
  }

  private progress(job: Job, progress: TransferProgress): void {
    const elapsed = (Date.now() - job.startedAt) / 1000;
    const change: Partial<JobSummary> = {
      phase: progress.phase,
      iteration: progress.iteration,
      iterations: progress.iterations,
      elapsedSeconds: progress.elapsedSeconds ?? elapsed,
      remainingSeconds: progress.remainingSeconds ?? null,
    };
    let loss: LossPoint | undefined;
    if (progress.losses && progress.phase === 'optimisation') {
      loss = { iteration: progress.iteration, ...progress.losses };
      job.losses.push(loss);
    }
    let preview: SpectrogramLevels | undefined;
    if (progress.preview) {
      job.iterate.add(progress.preview);
      preview = job.mosaic.add(progress.preview) ?? undefined;
      job.preview = preview ?? job.preview;
      change.previews = job.summary.previews + 1;
    }
    job.summary = { ...job.summary, ...change };
    this.options.emit({
      job: job.summary,
      ...(loss && { loss }),
      ...(preview && { preview }),
    });
  }

  private async resultTrack(
    job: Job,
    output: string,
    result: TransferResult,
    content: TrackState,
  ): Promise<TrackState> {
    const { session } = this.options;
    const clip = await describeProjectWav(job.folder, output, job.summary.name, job.summary.start);
    const recipeFile = relative(job.folder, result.recipe).split('\\').join('/');
    // The panel's settings as they were in force (the request's, else the preset's).
    const shown = methodNamed(job.request.method).parameters.filter((d) => d.panel);
    const settings = Object.fromEntries(
      shown.flatMap((d) => (d.name in result.settings ? [[d.name, result.settings[d.name]!]] : [])),
    );
    return {
      id: newId(),
      name: job.summary.name,
      role: 'result',
      clip,
      mute: false,
      solo: false,
      gainDb: 0,
      recipe: {
        method: job.request.method,
        preset: result.preset,
        ...(job.model !== null && { model: job.model }),
        settings,
        iterations: result.iterations,
        finalLosses: { ...result.finalLosses },
        seed: typeof result.settings['seed'] === 'number' ? result.settings['seed'] : 0,
        contentName: content.name,
        styles: job.request.styles.map((s) => ({
          name: session.findTrack(s.trackId).name,
          weight: s.weight,
        })),
        region: job.request.region,
        recipeFile: recipeFile.startsWith('audio/') ? recipeFile : null,
        backend: result.backend,
        seconds: result.wallSeconds.total,
        quality: result.quality,
      },
    };
  }

  private update(job: Job, change: Partial<JobSummary>): void {
    job.summary = { ...job.summary, ...change };
    this.emit(job);
  }

  private finish(job: Job, change: Partial<JobSummary>): void {
    this.update(job, {
      ...change,
      elapsedSeconds: job.startedAt ? (Date.now() - job.startedAt) / 1000 : 0,
      remainingSeconds: null,
    });
  }

  private emit(job: Job): void {
    this.options.emit({ job: job.summary });
  }
}
