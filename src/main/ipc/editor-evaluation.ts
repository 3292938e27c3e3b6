// The editor's Evaluation panel (issue 12): consistency of the project's result tracks under a
// classifier ('classify' job), a t-SNE or UMAP map of a classifier's features over a folder the
// user chose ('cluster' job), a result track's curves from its recipe, and the project's blind
// ratings summarised (shown, and exported as the CLI's CSV). Long work runs in the engine
// worker, one evaluation at a time, with progress pushed as evaluation:update and cancel; the
// latest evaluation of each kind and its last finished one are kept for the session, so the
// panel shows them again when it is reopened.
import { randomBytes } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  CLUSTER_SEED_RANGE,
  EMBEDDING_METHODS,
  type ClusterMap,
  type ClusterOptions,
  type ConsistencyTable,
  type EvaluationRequest,
  type EvaluationSummary,
  type RatingsExportRequest,
  type RatingsExportResult,
  type RatingsSummary,
  type TrackCurves,
} from '../../shared/ipc-evaluation';
import { ParameterError, isUserFacingError } from '../../shared/user-error';
import { countClasses } from '../evaluation/class-counts';
import { classifierMapLayers } from '../evaluation/cluster-layers';
import { readRecipeCurves } from '../evaluation/curves';
import { EvaluationError } from '../evaluation/errors';
import { ratingsCsv, summariseRatings } from '../evaluation/ratings';
import { writeFileAtomic } from '../fs/atomic-write';
import { FileWriteError } from '../fs/errors';
import { JobCancelledError } from '../jobs/errors';
import { mediaPath, type MediaRegistry } from '../media/media-registry';
import { ModelMismatchError } from '../models/errors';
import { readModel, type ModelCache } from '../models/model-cache';
import { projectFile } from '../project/project-files';
import type { ProjectSession } from '../project/session';
import type { EngineJobRunner } from '../worker/engine-jobs';
import type { Dialogs } from './dialogs';
import type { ModelLocations } from './editor-models';
import type { PathGrants } from './path-grants';

export interface EditorEvaluationOptions {
  engine: EngineJobRunner;
  session: ProjectSession;
  media: MediaRegistry;
  mediaUrl(path: string): string;
  grants: PathGrants;
  dialogs: Dialogs;
  models: ModelLocations;
  /** The editor's model cache (the classifiers' manifests say which layers a map may use). */
  cache: ModelCache;
  emit(summary: EvaluationSummary): void;
}

interface Running {
  summary: EvaluationSummary;
  abort: AbortController;
}

export class EditorEvaluation {
  private readonly evaluations = new Map<string, Running>();

  constructor(private readonly options: EditorEvaluationOptions) {}

  async start(request: EvaluationRequest): Promise<EvaluationSummary> {
    this.assertIdle();
    // Checked before any work: tracks must be results of this project, the folder chosen, the
    // layer one of the classifier's activations.
    const work =
      request.kind === 'consistency' ? this.consistency(request) : await this.clusters(request);
    // Again: another start may have begun while the classifier's manifest was read.
    this.assertIdle();
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
    this.forgetSuperseded(request.kind);
    this.options.emit(running.summary);
    void this.run(running, work);
    return running.summary;
  }

  /**
   * The evaluations the panel shows: of each kind, the latest (running, or how it ended) and
   * the last that finished (its table or map), oldest first.
   */
  list(): EvaluationSummary[] {
    return [...this.evaluations.values()].map((e) => e.summary);
  }

  /** The layers a cluster map of this classifier may be drawn from; the last pooling by default. */
  async clusterOptions(model: string): Promise<ClusterOptions> {
    const { manifest } = await readModel(await this.options.cache.locate(model));
    if (manifest.kind !== 'classifier')
      throw new ModelMismatchError(
        model,
        `The model "${model}" is a ${manifest.kind}, not a classifier: consistency and clusters need a classifier.`,
      );
    return { model, ...classifierMapLayers(manifest) };
  }

  /** The project's blind ratings per pair and method (what `evaluate ratings` prints). */
  ratings(): RatingsSummary {
    return summariseRatings(this.options.session.current);
  }

  /**
   * The ratings as the CLI's `--csv`, written atomically to a file the user chose in the save
   * dialog (which asks before it answers with an existing file), or to one chosen before: that
   * one is replaced only with `replace`. The project's own files and the user's sources never.
   */
  async exportRatings(request: RatingsExportRequest): Promise<RatingsExportResult | null> {
    const { session, grants, dialogs } = this.options;
    let file = request.file;
    let confirmed = request.replace ?? false;
    if (file === undefined) {
      const picked = await dialogs.chooseRatingsExportFile(`${session.current.name} ratings`);
      if (picked === null) return null;
      grants.grant(picked, 'write');
      file = grants.require(picked, 'file', 'write');
      confirmed = true;
    } else {
      file = grants.require(file, 'file', 'write');
    }
    const exists = await lstat(file).then(
      () => true,
      () => false,
    );
    if (exists && !confirmed)
      throw new FileWriteError(
        'EXISTS',
        file,
        `${basename(file)} already exists; confirm replacing it, or choose another file.`,
      );
    const summary = this.ratings();
    const document = session.current;
    await writeFileAtomic(file, ratingsCsv(summary), {
      protect: [
        projectFile(session.folder),
        ...document.tracks.map((t) => session.pathOf(t.clip.file)),
        ...document.tracks.flatMap((t) =>
          t.recipe?.recipeFile ? [session.pathOf(t.recipe.recipeFile)] : [],
        ),
        ...grants.granted('read'),
      ],
    });
    return { file, groups: summary.groups.length };
  }

  cancel(id: string): EvaluationSummary {
    const running = this.evaluations.get(id);
    if (!running) throw new ParameterError('evaluationId', `There is no evaluation "${id}".`);
    if (running.summary.state === 'running') running.abort.abort();
    return running.summary;
  }

  /**
   * Another project was opened: a consistency table of the last one's result tracks no longer
   * applies, so it is cancelled and dropped (cluster maps are of folders, and stay).
   */
  forgetProject(): void {
    for (const [id, running] of this.evaluations)
      if (running.summary.kind === 'consistency') {
        this.evaluations.delete(id);
        running.abort.abort();
      }
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

  private async clusters(
    request: Extract<EvaluationRequest, { kind: 'clusters' }>,
  ): Promise<(signal: AbortSignal, progress: Progress) => Promise<Partial<EvaluationSummary>>> {
    const data = this.options.grants.require(request.data, 'data', 'read');
    const { layers, defaultLayer } = await this.clusterOptions(request.model);
    const layer = request.layer ?? defaultLayer;
    if (!layers.includes(layer))
      throw new ParameterError(
        'layer',
        `The classifier "${request.model}" has no layer "${layer}": choose one of ${layers.join(', ')}.`,
      );
    const method = request.method ?? EMBEDDING_METHODS[0];
    const seed = request.seed ?? CLUSTER_SEED_RANGE.default;
    return async (signal, progress) => {
      const report = await this.options.engine.run(
        'cluster',
        { model: request.model, data, layer, method, seed, ...this.modelDirs() },
        { signal, onProgress: (p) => progress(p.phase, p.done, p.total) },
      );
      const map: ClusterMap = {
        classes: report.classes,
        layer: report.layer,
        method: report.method,
        seed: report.seed,
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

  private assertIdle(): void {
    const busy = [...this.evaluations.values()].find((e) => e.summary.state === 'running');
    if (busy)
      throw new ParameterError(
        'kind',
        `An evaluation (${busy.summary.kind}) is running; wait for it or cancel it first.`,
      );
  }

  /** Of a kind, only the latest evaluation and the last finished one are kept. */
  private forgetSuperseded(kind: EvaluationRequest['kind']): void {
    const ofKind = [...this.evaluations.values()].filter((e) => e.summary.kind === kind);
    const latest = ofKind.at(-1);
    const lastFinished = ofKind.filter((e) => e.summary.state === 'finished').at(-1);
    for (const e of ofKind)
      if (e !== latest && e !== lastFinished) this.evaluations.delete(e.summary.id);
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
    this.forgetSuperseded(running.summary.kind);
  }

  private update(running: Running, change: Partial<EvaluationSummary>): void {
    running.summary = { ...running.summary, ...change };
    // A forgotten evaluation (forgetProject) ends quietly.
    if (!this.evaluations.has(running.summary.id)) return;
    this.options.emit(running.summary);
  }
}

type Progress = (phase: string, done: number, total: number) => void;
