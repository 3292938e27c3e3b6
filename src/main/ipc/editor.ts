// The editor behind the IPC table: one open project, its render queue, media and the user's
// file choices. Transport-free: Electron's ipcMain and the test host's socket serve the same
// object through the same handler table (handler-table.ts).
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type {
  AppInfo,
  ImportResult,
  IpcEventName,
  IpcEvents,
  IterateAudio,
  PcmImport,
  WavBytesImport,
  ImportRequest,
  ImportRole,
} from '../../shared/ipc-channels';
import type { ExportStemsRequest, ExportStemsResult } from '../../shared/ipc-export';
import type {
  JobSnapshot,
  JobSummary,
  StyleAdvice,
  TransferOptions,
  TransferStartRequest,
} from '../../shared/ipc-jobs';
import type { LaneData } from '../../shared/ipc-lanes';
import type { TrainGeneratorModelRequest, TrainingSummary } from '../../shared/ipc-models';
import type {
  ClipInfo,
  ProjectEdit,
  ProjectSnapshot,
  RecentProject,
  TrackState,
} from '../../shared/ipc-project';
import { ParameterError } from '../../shared/user-error';
import { aboveFullScaleWarning, writeWav } from '../audio';
import { createEngineJobRunner } from '../worker/engine-jobs';
import { transferMethods } from './transfer-methods';
import type { JobRunner } from '../jobs/job-runner';
import type { MediaJobs } from '../media/media-jobs';
import type { EngineJobRunner } from '../worker/engine-jobs';
import { MediaRegistry, mediaPath } from '../media/media-registry';
import { shippedModelsFolder } from '../models/locations';
import type { LaneAnalysis } from '../media/media-jobs';
import { createMediaJobRunner } from '../media/media-runner';
import type { StartJobHost } from '../jobs/job-host';
import { startProcessHost } from '../jobs/process-host';
import {
  importPcm,
  importWavBytes,
  importWavFile,
  assertRegularFile,
  needsPageDecoding,
  newId,
} from '../project/audio-import';
import { RecentProjects } from '../project/recent-projects';
import { isUntitledFolder } from '../project/untitled-autosaves';
import { styleAdvice } from '../evaluation/style-advice';
import { RenderQueue } from '../project/render-queue';
import { ProjectSession } from '../project/session';
import { TrainingQueue } from '../project/training-queue';
import type { Dialogs } from './dialogs';
import { EditorEvaluation } from './editor-evaluation';
import { EditorModels, type ModelLocations } from './editor-models';
import { PathGrants } from './path-grants';

/** What a host (Electron or the test host) provides to the editor. */
export interface EditorHost {
  info: AppInfo;
  dialogs: Dialogs;
  /** The URL the page fetches a media route path from. */
  mediaUrl(path: string): string;
  emit<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void;
  /** Starts a native drag of a file out of the window (Electron only). */
  startDrag?(file: string): void;
  /** Shows a file in the system's file manager (Electron only). */
  showInFolder?(file: string): void;
}

export interface EditorOptions {
  /** The app's data folder: recent projects, untitled projects. */
  dataDir: string;
  /** The model cache (default: `models` in the data folder, and resources/models). */
  models?: Partial<ModelLocations>;
  /** Jobs running at once in the render queue. */
  concurrency?: number;
  autosaveDelayMs?: number;
  /** Keep an engine worker started ahead of the next job (the app and the test host do). */
  spareWorker?: boolean;
  /**
   * Where each engine and media job runs. By default a Node process of its own (the Electron
   * shell passes its utility process): memory running out ends that job, never the editor.
   */
  startJobHost?: StartJobHost;
}

export class Editor {
  readonly media = new MediaRegistry();
  readonly grants = new PathGrants();
  /** Files written by Export Stems in this session: the ones Show in folder may reveal. */
  private readonly exported = new Set<string>();
  readonly session: ProjectSession;
  readonly queue: RenderQueue;
  readonly models: EditorModels;
  readonly evaluation: EditorEvaluation;
  private readonly training: TrainingQueue;
  private readonly recent: RecentProjects;
  private readonly mediaJobs: JobRunner<MediaJobs>;
  private readonly lanesCache = new Map<string, Promise<LaneAnalysis>>();
  private readonly adviceCache = new Map<string, Promise<StyleAdvice>>();
  private chain: Promise<unknown> = Promise.resolve();
  private previewCount = 0;
  private readonly engine: EngineJobRunner;

  constructor(
    private readonly host: EditorHost,
    private readonly options: EditorOptions,
    engine?: EngineJobRunner,
  ) {
    const startHost = options.startJobHost ?? startProcessHost;
    this.mediaJobs = createMediaJobRunner({ startHost });
    this.engine =
      engine ??
      createEngineJobRunner({
        startHost,
        ...(options.spareWorker !== undefined && { spareWorker: options.spareWorker }),
      });
    this.recent = new RecentProjects(options.dataDir);
    this.session = new ProjectSession({
      dataDir: options.dataDir,
      media: this.media,
      mediaUrl: (path) => host.mediaUrl(path),
      recent: this.recent,
      onChange: (snapshot) => host.emit('project:changed', snapshot),
      onSaveError: (error) =>
        host.emit('app:notice', {
          level: 'error',
          message: `Autosave failed: ${error instanceof Error ? error.message : String(error)}`,
        }),
      ...(options.autosaveDelayMs !== undefined && { autosaveDelayMs: options.autosaveDelayMs }),
    });
    const models: ModelLocations = {
      dir: options.models?.dir ?? join(options.dataDir, 'models'),
      shipped: options.models?.shipped ?? [shippedModelsFolder()],
    };
    this.queue = new RenderQueue({
      engine: this.engine,
      session: this.session,
      emit: (update) => host.emit('job:update', update),
      concurrency: options.concurrency ?? 2,
      models,
    });
    this.training = new TrainingQueue({
      engine: this.engine,
      modelsDir: models.dir,
      shippedModelsDirs: models.shipped,
      emit: (summary) => host.emit('training:update', summary),
    });
    this.models = new EditorModels(models, host.dialogs, this.grants, this.training);
    this.evaluation = new EditorEvaluation({
      engine: this.engine,
      session: this.session,
      media: this.media,
      mediaUrl: (path) => host.mediaUrl(path),
      grants: this.grants,
      dialogs: host.dialogs,
      models,
      cache: this.models.cache,
      emit: (summary) => host.emit('evaluation:update', summary),
    });
  }

  /** Operations that change the project run one at a time, in order. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Opens the project the app had open last, else a new one (with demo sounds when given). */
  async start(demo?: { content: string; style: string }): Promise<ProjectSnapshot> {
    const last = await this.recent.last();
    if (last) {
      try {
        this.grants.grant(last, 'read');
        return await this.session.open(last);
      } catch {
        // Gone or damaged: start afresh rather than refuse to start.
      }
    }
    await this.session.createUntitled();
    if (demo) {
      this.grants.grant(demo.content, 'read');
      this.grants.grant(demo.style, 'read');
      await this.importFiles([demo.content], 'content');
      await this.importFiles([demo.style], 'style');
    }
    return this.session.snapshot();
  }

  appInfo(): AppInfo {
    return this.host.info;
  }

  getProject(): ProjectSnapshot {
    return this.session.snapshot();
  }

  newProject(): Promise<ProjectSnapshot> {
    return this.exclusive(async () => {
      this.switching();
      return this.session.createUntitled();
    });
  }

  openProject(folder?: string): Promise<ProjectSnapshot | null> {
    return this.exclusive(async () => {
      let chosen = folder;
      if (chosen === undefined) {
        const picked = await this.host.dialogs.chooseProjectFolder();
        if (picked === null) return null;
        this.grants.grant(picked, 'read');
        chosen = picked;
      } else if (!(await this.isRecent(chosen))) {
        this.grants.require(chosen, 'folder', 'read');
      }
      this.switching();
      return this.session.open(chosen);
    });
  }

  saveProject(): Promise<ProjectSnapshot | null> {
    if (this.session.isUntitled) return this.saveProjectAs();
    return this.exclusive(() => this.session.save());
  }

  saveProjectAs(): Promise<ProjectSnapshot | null> {
    return this.exclusive(async () => {
      const folder = await this.host.dialogs.chooseSaveFolder(this.session.current.name);
      if (folder === null) return null;
      this.grants.grant(folder, 'write');
      return this.session.saveAs(folder);
    });
  }

  /** Whether a style track is a single sustained note (its pitch would imprint), once per clip. */
  async styleAdvice(trackId: string): Promise<StyleAdvice> {
    const clip = this.session.findTrack(trackId).clip;
    let advice = this.adviceCache.get(clip.id);
    if (!advice) {
      advice = this.session.readablePathOf(clip.file).then(styleAdvice);
      advice.catch(() => this.adviceCache.delete(clip.id));
      this.adviceCache.set(clip.id, advice);
    }
    return advice;
  }

  recentProjects(): Promise<RecentProject[]> {
    return this.recent.withAutosaves(this.session.isUntitled ? this.session.folder : null);
  }

  edit(edit: ProjectEdit): ProjectSnapshot {
    return this.session.edit(edit);
  }

  undo(): ProjectSnapshot {
    return this.session.undo();
  }

  redo(): ProjectSnapshot {
    return this.session.redo();
  }

  importAudio(request: ImportRequest): Promise<ImportResult> {
    return this.exclusive(async () => {
      let paths = request.paths;
      if (paths === undefined) {
        const picked = await this.host.dialogs.chooseAudioFiles();
        if (picked === null)
          return { snapshot: this.session.snapshot(), trackIds: [], toDecode: [] };
        picked.forEach((p) => this.grants.grant(p, 'read'));
        paths = picked;
      }
      const checked = paths.map((p, i) => this.grants.require(p, `paths[${i}]`, 'read'));
      return this.importFiles(checked, request.role);
    });
  }

  importPcm(pcm: PcmImport): Promise<ImportResult> {
    return this.exclusive(async () => {
      const clip = await importPcm(this.session.folder, pcm.name, {
        sampleRate: pcm.sampleRate,
        channels: pcm.channels,
      });
      return this.addImported([{ clip, role: pcm.role }], `Import ${pcm.name}`);
    });
  }

  importWavBytes(wav: WavBytesImport): Promise<ImportResult> {
    return this.exclusive(async () => {
      const clip = await importWavBytes(this.session.folder, wav.name, wav.bytes);
      return this.addImported([{ clip, role: wav.role }], `Import ${wav.name}`);
    });
  }

  async lanes(trackId: string): Promise<LaneData> {
    const track = this.session.findTrack(trackId);
    const path = await this.session.readablePathOf(track.clip.file);
    let analysis = this.lanesCache.get(path);
    if (!analysis) {
      analysis = this.mediaJobs.run('lanes', { path });
      this.lanesCache.set(path, analysis);
      analysis.catch(() => this.lanesCache.delete(path));
    }
    const { duration, peaks, spectrogram } = await analysis;
    return { trackId, clipId: track.clip.id, duration, peaks, spectrogram };
  }

  async dragOut(trackId: string): Promise<void> {
    const track = this.session.findTrack(trackId);
    if (!this.host.startDrag) return;
    const folder = join(this.session.folder, '.drag');
    await mkdir(folder, { recursive: true });
    const file = join(folder, `${track.name.replace(/[/\\:*?"<>|]/g, '_')}.wav`);
    await copyFile(await this.session.readablePathOf(track.clip.file), file);
    this.host.startDrag(file);
  }

  transferOptions(): TransferOptions {
    return { methods: transferMethods(), concurrency: this.queue.concurrency };
  }

  /** A generator for the style of a project track (its clip, read as a plain project file). */
  async trainGenerator(request: TrainGeneratorModelRequest): Promise<TrainingSummary> {
    const track = this.session.findTrack(request.styleTrackId);
    const style = await this.session.readablePathOf(track.clip.file);
    return this.models.trainGenerator(request, style);
  }

  startTransfer(request: TransferStartRequest): JobSummary {
    return this.queue.start(request);
  }

  startTransferBatch(request: TransferStartRequest, contentTrackIds: string[]): JobSummary[] {
    return this.queue.startBatch(request, contentTrackIds);
  }

  cancelTransfer(jobId: string): JobSummary {
    return this.queue.cancel(jobId);
  }

  listJobs(): JobSnapshot[] {
    return this.queue.list();
  }

  async iterateAudio(jobId: string): Promise<IterateAudio> {
    const iterate = this.queue.latestIterate(jobId);
    if (!iterate)
      throw new ParameterError(
        'jobId',
        'No preview of this job has arrived yet; try again in a moment.',
      );
    const folder = join(this.session.folder, '.previews');
    const output = join(folder, `${jobId}-${++this.previewCount}.wav`);
    await mkdir(folder, { recursive: true });
    await writeWav(
      output,
      { sampleRate: iterate.sampleRate, channels: [iterate.audio] },
      { sampleFormat: 'float32' },
    );
    const token = this.media.register(output);
    return {
      url: this.host.mediaUrl(mediaPath(token, basename(output))),
      duration: iterate.audio.length / iterate.sampleRate,
    };
  }

  exportStems(request: ExportStemsRequest): Promise<ExportStemsResult | null> {
    return this.exclusive(async () => {
      let folder = request.folder;
      if (folder === undefined) {
        const picked = await this.host.dialogs.chooseExportFolder();
        if (picked === null) return null;
        this.grants.grant(picked, 'write');
        folder = picked;
      } else {
        folder = this.grants.require(folder, 'folder', 'write');
      }
      const tracks = request.trackIds.map((id) => this.session.findTrack(id));
      const document = this.session.current;
      const paths = await Promise.all(tracks.map((t) => this.session.readablePathOf(t.clip.file)));
      const stems = await this.mediaJobs.run('export-stems', {
        stems: tracks.map((t, i) => ({
          trackId: t.id,
          // A result's stem keeps its method in its name ("Violin β 1 #2 (shallow).wav").
          name: t.recipe ? `${t.name} (${t.recipe.method})` : t.name,
          role: t.role,
          path: paths[i]!,
          start: t.clip.start,
          gainDb: t.gainDb,
        })),
        folder,
        ...(request.fileFormat !== undefined && { fileFormat: request.fileFormat }),
        sampleFormat: request.sampleFormat,
        sampleRate: request.sampleRate,
        ...(request.mp3Bitrate !== undefined && { mp3Bitrate: request.mp3Bitrate }),
        ...(request.range !== undefined && { range: request.range }),
        padToCommonLength: request.padToCommonLength,
        namingPattern: request.namingPattern,
        projectName: document.name,
        // The project's clips and every file the user chose to read are never replaced.
        protect: [
          ...document.tracks.map((t) => this.session.pathOf(t.clip.file)),
          ...this.grants.granted('read'),
        ],
        replace: request.replace ?? false,
      });
      for (const stem of stems) this.exported.add(resolve(stem.file));
      return { folder, stems };
    });
  }

  /** Shows a file this session exported; any other path is refused (the page names no others). */
  showInFolder(file: string): void {
    if (!this.exported.has(resolve(file)))
      throw new ParameterError('file', `${file} is not a file this session exported.`);
    if (!this.host.showInFolder)
      throw new ParameterError(
        'file',
        'Showing a file in its folder needs the desktop app; in a browser, the file is on the host at this path.',
      );
    this.host.showInFolder(resolve(file));
  }

  /** Saves pending edits and stops jobs; the host calls it before quitting. */
  async shutdown(): Promise<void> {
    this.queue.cancelAll();
    this.training.cancelAll();
    this.evaluation.cancelAll();
    this.engine.dispose();
    await this.session.close();
  }

  private switching(): void {
    this.evaluation.forgetProject();
    this.queue.cancelAll();
    this.queue.clearFinished();
    this.lanesCache.clear();
    this.adviceCache.clear();
  }

  private async isRecent(folder: string): Promise<boolean> {
    const absolute = resolve(folder);
    return (
      isUntitledFolder(this.options.dataDir, absolute) ||
      (await this.recent.list()).some((r) => r.folder === absolute) ||
      (await this.recent.last()) === absolute
    );
  }

  private async importFiles(paths: string[], role?: ImportRole): Promise<ImportResult> {
    const imported: { clip: ClipInfo; role: ImportRole }[] = [];
    const toDecode = [];
    let hasContent = this.session.current.tracks.some((t) => t.role === 'content');
    // Every path is checked first: a pipe or device is refused before anything is imported.
    for (const path of paths) await assertRegularFile(path);
    for (const path of paths) {
      if (needsPageDecoding(path)) {
        const token = this.media.register(path);
        toDecode.push({
          name: basename(path),
          url: this.host.mediaUrl(mediaPath(token, basename(path))),
        });
        continue;
      }
      const clip = await importWavFile(this.session.folder, path);
      const chosen = role ?? (hasContent ? 'style' : 'content');
      hasContent ||= chosen === 'content';
      imported.push({ clip, role: chosen });
    }
    const label =
      paths.length === 1 ? `Import ${basename(paths[0]!)}` : `Import ${paths.length} files`;
    const result = await this.addImported(imported, label);
    return { ...result, toDecode };
  }

  private async addImported(
    imported: { clip: ClipInfo; role: ImportRole }[],
    label: string,
  ): Promise<ImportResult> {
    if (imported.length === 0)
      return { snapshot: this.session.snapshot(), trackIds: [], toDecode: [] };
    const taken = new Set(this.session.current.tracks.map((t) => t.name));
    const tracks: TrackState[] = imported.map(({ clip, role }) => ({
      id: newId(),
      name: uniqueName(clip.sourceName, taken),
      role,
      clip,
      mute: false,
      solo: false,
      gainDb: 0,
      recipe: null,
    }));
    const snapshot = this.session.addTracks(tracks, label);
    for (const { clip } of imported) {
      const loud = aboveFullScaleWarning(clip.sourceName, clip.peakDb);
      if (loud) this.host.emit('app:notice', { level: 'info', message: loud });
    }
    return { snapshot, trackIds: tracks.map((t) => t.id), toDecode: [] };
  }
}

/** The file's base name, numbered if a track already has it; the name is then taken. */
function uniqueName(sourceName: string, taken: Set<string>): string {
  const base = basename(sourceName, extname(sourceName)).slice(0, 120) || 'Audio';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
  taken.add(name);
  return name;
}
