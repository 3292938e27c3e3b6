// The editor's Evaluation panel (issue 12): consistency of the project's result tracks under a
// classifier ('classify' job), t-SNE of a classifier's features over a folder the user chose
// ('cluster' job), and a result track's curves from its recipe. Long work runs in the engine
// worker, one evaluation at a time, with progress pushed as evaluation:update and cancel.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type {
  ClusterMap,
  ConsistencyTable,
  EvaluationRequest,
  EvaluationSummary,
  TrackCurves,
} from '../../shared/ipc-evaluation';
import { ParameterError, isUserFacingError } from '../../shared/user-error';
import { countClasses } from '../evaluation/class-counts';
import { readRecipeCurves } from '../evaluation/curves';
import { EvaluationError } from '../evaluation/errors';
import { JobCancelledError } from '../jobs/errors';
import { mediaPath, type MediaRegistry } from '../media/media-registry';
import type { ProjectSession } from '../project/session';
import type { EngineJobRunner } from '../worker/engine-jobs';
import type { ModelLocations } from './editor-models';
import type { PathGrants } from './path-grants';

export interface EditorEvaluationOptions {
  engine: EngineJobRunner;
  session: ProjectSession;
  media: MediaRegistry;
  mediaUrl(path: string): string;
  grants: PathGrants;
  models: ModelLocations;
  emit(summary: EvaluationSummary): void;
}

interface Running {
  summary: EvaluationSummary;
  abort: AbortController;
}

export class EditorEvaluation {
  private readonly evaluations = new Map<string, Running>();

  constructor(private readonly options: EditorEvaluationOptions) {}

  start(request: EvaluationRequest): EvaluationSummary {
    const busy = [...this.evaluations.values()].find((e) => e.summary.state === 'running');
    if (busy)
      throw new ParameterError(
        'kind',
        `An evaluation (${busy.summary.kind}) is running; wait for it or cancel it first.`,
      );
    // Checked before any work: tracks must be results of this project, the folder chosen.
    const work =
      request.kind === 'consistency' ? this.consistency(request) : this.clusters(request);
    const running: Running = {
      summary: {
        id: `evaluation-${randomBytes(4).toString('hex')}`,
        kind: request.kind,
        model: request.model,
        state: 'running',
        phase: 'loading',
        done: 0,
        total: 0,
        message: null,
        consistency: null,
        clusters: null,
      },
      abort: new AbortController(),
    };
    this.evaluations.set(running.summary.id, running);
    this.options.emit(running.summary);
    void this.run(running, work);
    return running.summary;
  }

  cancel(id: string): EvaluationSummary {
    const running = this.evaluations.get(id);
    if (!running) throw new ParameterError('evaluationId', `There is no evaluation "${id}".`);
    if (running.summary.state === 'running') running.abort.abort();
    return running.summary;
  }

  cancelAll(): void {
    for (const running of this.evaluations.values())
      if (running.summary.state === 'running') running.abort.abort();
  }

  /** The curves of a result track, from the iteration history its recipe keeps. */
  async curves(trackId: string): Promise<TrackCurves> {
    const track = this.options.session.findTrack(trackId);
    if (!track.recipe?.recipeFile)
      throw new EvaluationError(
        'NO_HISTORY',
        `${track.name} is not a result of a transfer: curves belong to result tracks.`,
      );
    const path = await this.options.session.readablePathOf(track.recipe.recipeFile);
    const curves = await readRecipeCurves(path);
    return {
      trackId,
      method: curves.method,
      points: curves.history.map((r) => ({
        iteration: r.iteration,
        total: r.losses.total,
        content: r.losses.content,
        style: r.losses.style,
        contentCorrelation: r.contentCorrelation,
      })),
    };
  }

  private consistency(
    request: Extract<EvaluationRequest, { kind: 'consistency' }>,
  ): (signal: AbortSignal, progress: Progress) => Promise<Partial<EvaluationSummary>> {
    const tracks = request.trackIds.map((id) => this.options.session.findTrack(id));
    const notResult = tracks.find((t) => t.role !== 'result');
    if (notResult)
      throw new ParameterError(
        'trackIds',
        `${notResult.name} is not a result track: consistency counts what transfers made.`,
      );
    return async (signal, progress) => {
      const files = await Promise.all(
        tracks.map((t) => this.options.session.readablePathOf(t.clip.file)),
      );
      const results = await this.options.engine.run(
        'classify',
        { model: request.model, files, ...this.modelDirs() },
        { signal, onProgress: (p) => progress('classifying', p.done, p.total) },
      );
      const counts = countClasses(results);
      const table: ConsistencyTable = {
        files: counts.files,
        classified: counts.classified,
        counts: counts.counts,
        failed: counts.failed.map((f) => ({
          track: tracks[files.indexOf(f.file)]?.name ?? basename(f.file),
          error: f.error,
        })),
      };
      return { consistency: table };
    };
  }

  private clusters(
    request: Extract<EvaluationRequest, { kind: 'clusters' }>,
  ): (signal: AbortSignal, progress: Progress) => Promise<Partial<EvaluationSummary>> {
    const data = this.options.grants.require(request.data, 'data', 'read');
    return async (signal, progress) => {
      const report = await this.options.engine.run(
        'cluster',
        { model: request.model, data, ...this.modelDirs() },
        { signal, onProgress: (p) => progress(p.phase, p.done, p.total) },
      );
      const map: ClusterMap = {
        classes: report.classes,
        layer: report.layer,
        points: report.points.map((p) => {
          const name = basename(p.file);
          const token = this.options.media.register(p.file);
          return {
            name,
            class: p.class,
            x: p.x,
            y: p.y,
            url: this.options.mediaUrl(mediaPath(token, name)),
          };
        }),
      };
      return { clusters: map };
    };
  }

  private modelDirs(): { modelsDir: string; shippedModelsDirs: string[] } {
    return { modelsDir: this.options.models.dir, shippedModelsDirs: this.options.models.shipped };
  }

  private async run(
    running: Running,
    work: (signal: AbortSignal, progress: Progress) => Promise<Partial<EvaluationSummary>>,
  ): Promise<void> {
    const progress: Progress = (phase, done, total) => this.update(running, { phase, done, total });
    try {
      const result = await work(running.abort.signal, progress);
      this.update(running, { ...result, state: 'finished', phase: null });
    } catch (error) {
      if (error instanceof JobCancelledError || running.abort.signal.aborted)
        this.update(running, { state: 'cancelled', phase: null, message: 'Cancelled.' });
      else
        this.update(running, {
          state: 'failed',
          phase: null,
          message: isUserFacingError(error)
            ? error.message
            : `The evaluation failed: ${error instanceof Error ? error.message : String(error)}`,
        });
    }
  }

  private update(running: Running, change: Partial<EvaluationSummary>): void {
    running.summary = { ...running.summary, ...change };
    this.options.emit(running.summary);
  }
}

type Progress = (phase: string, done: number, total: number) => void;
