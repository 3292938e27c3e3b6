// The editor's model cache: list, delete, import and export models, and train new ones. Paths
// follow the editor's rule (path-grants.ts): only files and folders the user chose in a dialog.
import { basename } from 'node:path';
import type {
  ClassPairInfo,
  ContentFolderInfo,
  CycleGanTrainingOptions,
  ModelExportRequest,
  ModelExportResult,
  ModelImportRequest,
  ModelInfo,
  TrainingDataInfo,
  TrainCycleGanModelRequest,
  TrainingSummary,
  TrainGeneratorModelRequest,
  TrainModelRequest,
} from '../../shared/ipc-models';
import { exportModel, importModel } from '../models/model-bundle';
import { ModelCache, checkModelName } from '../models/model-cache';
import { importModelFolder } from '../models/model-folder-import';
import { modelInfo } from '../models/model-info';
import {
  CYCLEGAN_TRAINING_PARAMETERS,
  type CycleGanTrainingSettings,
} from '../training/cyclegan-parameters';
import { twoClassFolders } from '../training/cyclegan-data';
import { TrainingDataError } from '../training/errors';
import { findTrainingData, wavFilesBelow } from '../training/training-data';
import type { TrainingQueue } from '../project/training-queue';
import type { Dialogs } from './dialogs';
import type { PathGrants } from './path-grants';

export interface ModelLocations {
  /** The user's models (written by training and import). */
  dir: string;
  /** Read-only folders of models shipped with the app. */
  shipped: string[];
}

export class EditorModels {
  readonly cache: ModelCache;

  constructor(
    readonly locations: ModelLocations,
    private readonly dialogs: Dialogs,
    private readonly grants: PathGrants,
    private readonly training: TrainingQueue,
  ) {
    this.cache = new ModelCache({ dir: locations.dir, shipped: locations.shipped });
  }

  async list(): Promise<ModelInfo[]> {
    return (await this.cache.list()).map(modelInfo);
  }

  async delete(name: string): Promise<ModelInfo[]> {
    await this.cache.delete(name);
    return this.list();
  }

  async import(request: ModelImportRequest): Promise<ModelInfo | null> {
    let path = request.path;
    if (path === undefined) {
      const picked =
        request.source === 'bundle'
          ? await this.dialogs.chooseModelFile()
          : await this.dialogs.chooseModelFolder();
      if (picked === null) return null;
      this.grants.grant(picked, 'read');
      path = picked;
    } else {
      path = this.grants.require(path, 'path', 'read');
    }
    const options = {
      ...(request.name !== undefined && { name: request.name }),
      replace: request.replace ?? false,
    };
    const manifest =
      request.source === 'bundle'
        ? await importModel(this.cache, path, options)
        : await importModelFolder(this.cache, path, options);
    const listed = (await this.list()).find((m) => m.name === manifest.name);
    if (!listed) throw new Error(`${manifest.name} was imported but is not listed`);
    return listed;
  }

  async export(request: ModelExportRequest): Promise<ModelExportResult | null> {
    // An unknown model is reported before the user is asked where to put it.
    await this.cache.locate(request.name);
    let file = request.file;
    if (file === undefined) {
      const picked = await this.dialogs.chooseModelExportFile(request.name);
      if (picked === null) return null;
      this.grants.grant(picked, 'write');
      file = picked;
    } else {
      file = this.grants.require(file, 'file', 'write');
    }
    await exportModel(this.cache, request.name, file);
    return { name: request.name, file };
  }

  /** Asks for a training folder and says what it holds (refused when it cannot train a model). */
  async chooseTrainingData(): Promise<TrainingDataInfo | null> {
    const folder = await this.dialogs.chooseTrainingFolder();
    if (folder === null) return null;
    this.grants.grant(folder, 'read');
    const data = await findTrainingData(folder, { layout: 'folders' });
    return { folder: data.root, classes: data.classes, clips: data.clips.length };
  }

  train(request: TrainModelRequest): TrainingSummary {
    const data = this.grants.require(request.data, 'data', 'read');
    checkModelName(request.name);
    return this.training.start({ ...request, data });
  }

  /** Asks for a folder of content clips for a generator (refused when it holds no WAV). */
  async chooseContentFolder(): Promise<ContentFolderInfo | null> {
    const folder = await this.dialogs.chooseTrainingFolder();
    if (folder === null) return null;
    this.grants.grant(folder, 'read');
    const clips = (await wavFilesBelow(folder)).length;
    if (clips === 0)
      throw new TrainingDataError(
        'NO_USABLE_CLIPS',
        folder,
        `The content folder ${folder} has no WAV files (searched in every subfolder).`,
      );
    return { folder, clips };
  }

  /** Trains a generator for `style` (a project file) on a content folder the user chose. */
  trainGenerator(request: TrainGeneratorModelRequest, style: string): TrainingSummary {
    const data = this.grants.require(request.data, 'data', 'read');
    checkModelName(request.name);
    return this.training.startGenerator({
      style,
      data,
      epochs: request.epochs,
      name: request.name,
    });
  }

  /** CycleGAN training's declarations, as its form builds its fields from them. */
  cycleGanOptions(): CycleGanTrainingOptions {
    return { parameters: [...CYCLEGAN_TRAINING_PARAMETERS] };
  }

  /** Asks for a folder with exactly two class subfolders (refused otherwise, or if one is empty). */
  async chooseClassPair(): Promise<ClassPairInfo | null> {
    const folder = await this.dialogs.chooseTrainingFolder();
    if (folder === null) return null;
    this.grants.grant(folder, 'read');
    const folders = await twoClassFolders(folder);
    const clips = await Promise.all(folders.map(async (f) => (await wavFilesBelow(f)).length));
    const empty = folders.find((_, i) => clips[i] === 0);
    if (empty !== undefined)
      throw new TrainingDataError(
        'NO_USABLE_CLIPS',
        empty,
        `The class folder ${empty} has no WAV files (searched in every subfolder): each class needs clips.`,
      );
    return {
      folder,
      classes: folders.map((f) => basename(f)) as [string, string],
      clips: clips as [number, number],
    };
  }

  /** Trains a CycleGAN between the two class folders of a folder the user chose. */
  trainCycleGan(request: TrainCycleGanModelRequest): TrainingSummary {
    const data = this.grants.require(request.data, 'data', 'read');
    checkModelName(request.name);
    return this.training.startCycleGan({
      data,
      name: request.name,
      // Checked against the declarations by the channel's schema.
      settings: request.settings as Partial<CycleGanTrainingSettings>,
    });
  }

  cancelTraining(id: string): TrainingSummary {
    return this.training.cancel(id);
  }

  resumeTraining(id: string): TrainingSummary {
    return this.training.resume(id);
  }

  trainings(): TrainingSummary[] {
    return this.training.list();
  }
}
