// The channel table: every request the page can make and every event the main process pushes.
// The preload, the test host's bridge and the main-side handler table are all typed from it.
import type {
  ClusterOptions,
  EvaluationRequest,
  EvaluationSummary,
  RatingsExportRequest,
  RatingsExportResult,
  RatingsSummary,
  TrackCurves,
} from './ipc-evaluation';
import type { ExportStemsRequest, ExportStemsResult } from './ipc-export';
import type {
  JobSnapshot,
  JobSummary,
  JobUpdate,
  StyleAdvice,
  TransferOptions,
  TransferStartRequest,
} from './ipc-jobs';
import type { LaneData } from './ipc-lanes';
import type { MenuCommand } from './ipc-menu';
import type {
  ModelExportRequest,
  ModelExportResult,
  ModelImportRequest,
  ModelInfo,
  ClassPairInfo,
  ContentFolderInfo,
  CycleGanTrainingOptions,
  TrainCycleGanModelRequest,
  TrainGeneratorModelRequest,
  TrainingDataInfo,
  TrainingSummary,
  TrainModelRequest,
} from './ipc-models';
import type { ProjectEdit, ProjectSnapshot, RecentProject } from './ipc-project';
import type { Hertz, Seconds } from './units';

export interface AppInfo {
  name: string;
  version: string;
  /** Which host serves the page: the desktop app or the browser test host. */
  host: 'electron' | 'test-host';
  platform: string;
}

export type ImportRole = 'content' | 'style';

export interface ImportRequest {
  /** Files to import; omitted: ask the user. Paths must come from a dialog or a drop. */
  paths?: string[];
  role?: ImportRole;
}

/** A compressed file the main process cannot decode: the page decodes it and sends PCM back. */
export interface FileToDecode {
  name: string;
  url: string;
}

export interface ImportResult {
  snapshot: ProjectSnapshot;
  /** Tracks added, in order. */
  trackIds: string[];
  toDecode: FileToDecode[];
}

export interface PcmImport {
  name: string;
  sampleRate: Hertz;
  /** Planar Float32 channels, all the same length. */
  channels: Float32Array[];
  role: ImportRole;
}

export interface WavBytesImport {
  name: string;
  bytes: Uint8Array;
  role: ImportRole;
}

export interface IterateAudio {
  url: string;
  duration: Seconds;
}

/** Request channels: arguments and result of each. */
export interface IpcCalls {
  'app:info': { args: []; result: AppInfo };
  'project:get': { args: []; result: ProjectSnapshot };
  'project:new': { args: []; result: ProjectSnapshot };
  'project:open': { args: [folder?: string]; result: ProjectSnapshot | null };
  'project:save': { args: []; result: ProjectSnapshot | null };
  'project:save-as': { args: []; result: ProjectSnapshot | null };
  'project:recent': { args: []; result: RecentProject[] };
  'project:edit': { args: [edit: ProjectEdit]; result: ProjectSnapshot };
  'project:undo': { args: []; result: ProjectSnapshot };
  'project:redo': { args: []; result: ProjectSnapshot };
  'audio:import': { args: [request: ImportRequest]; result: ImportResult };
  'audio:import-pcm': { args: [pcm: PcmImport]; result: ImportResult };
  'audio:import-wav-bytes': { args: [wav: WavBytesImport]; result: ImportResult };
  'track:lanes': { args: [trackId: string]; result: LaneData };
  'track:drag-out': { args: [trackId: string]; result: void };
  'transfer:options': { args: []; result: TransferOptions };
  'transfer:start': { args: [request: TransferStartRequest]; result: JobSummary };
  /** The request for each of several content tracks, whole clips: one job and result each. */
  'transfer:start-batch': {
    args: [request: TransferStartRequest, contentTrackIds: string[]];
    result: JobSummary[];
  };
  'transfer:cancel': { args: [jobId: string]; result: JobSummary };
  'transfer:jobs': { args: []; result: JobSnapshot[] };
  'transfer:iterate-audio': { args: [jobId: string]; result: IterateAudio };
  'transfer:style-advice': { args: [trackId: string]; result: StyleAdvice };
  'export:stems': { args: [request: ExportStemsRequest]; result: ExportStemsResult | null };
  /** Shows an exported file in the system's file manager (desktop app only). */
  'export:show-in-folder': { args: [file: string]; result: void };
  'models:list': { args: []; result: ModelInfo[] };
  'models:delete': { args: [name: string]; result: ModelInfo[] };
  'models:import': { args: [request: ModelImportRequest]; result: ModelInfo | null };
  'models:export': { args: [request: ModelExportRequest]; result: ModelExportResult | null };
  'models:choose-data': { args: []; result: TrainingDataInfo | null };
  'models:train': { args: [request: TrainModelRequest]; result: TrainingSummary };
  'models:cancel-training': { args: [trainingId: string]; result: TrainingSummary };
  /** A cancelled training with finished epochs, started again to continue from them. */
  'models:resume-training': { args: [trainingId: string]; result: TrainingSummary };
  'models:trainings': { args: []; result: TrainingSummary[] };
  'models:choose-content': { args: []; result: ContentFolderInfo | null };
  'models:train-generator': {
    args: [request: TrainGeneratorModelRequest];
    result: TrainingSummary;
  };
  /** CycleGAN training's declared settings (the form's fields). */
  'models:cyclegan-options': { args: []; result: CycleGanTrainingOptions };
  /** Asks for a folder with exactly two class subfolders (refused otherwise). */
  'models:choose-class-pair': { args: []; result: ClassPairInfo | null };
  'models:train-cyclegan': { args: [request: TrainCycleGanModelRequest]; result: TrainingSummary };
  /** Consistency of result tracks or a folder's clusters, in the engine; progress by evaluation:update. */
  'evaluation:start': { args: [request: EvaluationRequest]; result: EvaluationSummary };
  'evaluation:cancel': { args: [evaluationId: string]; result: EvaluationSummary };
  /** A result track's curves, from its recipe's iteration history. */
  'evaluation:curves': { args: [trackId: string]; result: TrackCurves };
  /** This session's evaluations: of each kind the latest and the last finished (panel reopened). */
  'evaluation:list': { args: []; result: EvaluationSummary[] };
  /** A classifier's pooling layers, which a cluster map may be drawn from. */
  'evaluation:cluster-options': { args: [model: string]; result: ClusterOptions };
  /** The project's blind ratings per pair and method, as `timbrefold evaluate ratings`. */
  'evaluation:ratings': { args: []; result: RatingsSummary };
  /** The ratings as the CLI's CSV, to a file chosen in the save dialog; null when cancelled. */
  'evaluation:export-ratings': {
    args: [request: RatingsExportRequest];
    result: RatingsExportResult | null;
  };
}

export type IpcChannel = keyof IpcCalls;

export interface AppNotice {
  level: 'info' | 'error';
  message: string;
}

/** Events pushed from the main process to the page. */
export interface IpcEvents {
  'project:changed': ProjectSnapshot;
  'job:update': JobUpdate;
  'menu:command': MenuCommand;
  'app:notice': AppNotice;
  'training:update': TrainingSummary;
  'evaluation:update': EvaluationSummary;
}

export type IpcEventName = keyof IpcEvents;

/** API method name -> channel. The page calls `window.timbrefold.importAudio(...)`. */
export const API_METHODS = {
  getAppInfo: 'app:info',
  getProject: 'project:get',
  newProject: 'project:new',
  openProject: 'project:open',
  saveProject: 'project:save',
  saveProjectAs: 'project:save-as',
  recentProjects: 'project:recent',
  editProject: 'project:edit',
  undo: 'project:undo',
  redo: 'project:redo',
  importAudio: 'audio:import',
  importPcm: 'audio:import-pcm',
  importWavBytes: 'audio:import-wav-bytes',
  getLanes: 'track:lanes',
  dragOut: 'track:drag-out',
  transferOptions: 'transfer:options',
  startTransfer: 'transfer:start',
  startTransferBatch: 'transfer:start-batch',
  cancelTransfer: 'transfer:cancel',
  listJobs: 'transfer:jobs',
  iterateAudio: 'transfer:iterate-audio',
  styleAdvice: 'transfer:style-advice',
  exportStems: 'export:stems',
  showInFolder: 'export:show-in-folder',
  listModels: 'models:list',
  deleteModel: 'models:delete',
  importModel: 'models:import',
  exportModel: 'models:export',
  chooseTrainingData: 'models:choose-data',
  trainModel: 'models:train',
  cancelTraining: 'models:cancel-training',
  resumeTraining: 'models:resume-training',
  listTrainings: 'models:trainings',
  chooseContentFolder: 'models:choose-content',
  trainGenerator: 'models:train-generator',
  cycleGanOptions: 'models:cyclegan-options',
  chooseClassPair: 'models:choose-class-pair',
  trainCycleGan: 'models:train-cyclegan',
  startEvaluation: 'evaluation:start',
  cancelEvaluation: 'evaluation:cancel',
  trackCurves: 'evaluation:curves',
  listEvaluations: 'evaluation:list',
  clusterOptions: 'evaluation:cluster-options',
  ratingsSummary: 'evaluation:ratings',
  exportRatings: 'evaluation:export-ratings',
} as const satisfies Record<string, IpcChannel>;

export const IPC_CHANNELS = Object.values(API_METHODS) as IpcChannel[];
export const IPC_EVENTS: readonly IpcEventName[] = [
  'project:changed',
  'job:update',
  'menu:command',
  'app:notice',
  'training:update',
  'evaluation:update',
];

/** An error as it crosses the process boundary. */
export interface IpcErrorData {
  name: string;
  message: string;
  /** True when the user caused it: the page shows the message as is. */
  userFacing: boolean;
}

/** Every call answers with this envelope, so errors keep their message on both transports. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcErrorData };

/**
 * Preload -> main, synchronous: a path the user dropped on the window, which the page may then
 * import. Not a page API: only the preload (which sees the real File) can send it.
 */
export const GRANT_DROPPED_PATH = 'path:grant-dropped';
