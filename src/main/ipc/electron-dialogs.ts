// Native file dialogs for the desktop app.
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from './dialogs';

const AUDIO_EXTENSIONS = ['wav', 'wave', 'mp3', 'flac', 'ogg', 'oga', 'opus', 'm4a', 'aac', 'webm'];

export function electronDialogs(window: () => BrowserWindow | undefined): Dialogs {
  const parent = (): BrowserWindow | undefined => window();
  const open = async (options: Electron.OpenDialogOptions): Promise<string[] | null> => {
    const owner = parent();
    const result = owner
      ? await dialog.showOpenDialog(owner, options)
      : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
  };
  /** One file or folder, or null when cancelled. */
  const openOne = async (options: Electron.OpenDialogOptions): Promise<string | null> =>
    (await open(options))?.[0] ?? null;
  /** A path to write, or null when cancelled; `name` is suggested in the user's documents. */
  const save = async (
    name: string,
    options: Omit<Electron.SaveDialogOptions, 'defaultPath'>,
  ): Promise<string | null> => {
    const full = { ...options, defaultPath: join(app.getPath('documents'), name) };
    const owner = parent();
    const result = owner
      ? await dialog.showSaveDialog(owner, full)
      : await dialog.showSaveDialog(full);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    chooseAudioFiles: () =>
      open({
        title: 'Import Audio',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Audio', extensions: AUDIO_EXTENSIONS },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    chooseProjectFolder: () => openOne({ title: 'Open Project', properties: ['openDirectory'] }),
    chooseExportFolder: () =>
      openOne({
        title: 'Export Stems To',
        buttonLabel: 'Export Here',
        properties: ['openDirectory', 'createDirectory'],
      }),
    chooseModelFile: () =>
      openOne({
        title: 'Import Model',
        properties: ['openFile'],
        filters: [
          { name: 'Timbrefold model', extensions: ['tfmodel'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    chooseModelFolder: () =>
      openOne({ title: 'Import Model Folder', properties: ['openDirectory'] }),
    chooseTrainingFolder: () =>
      openOne({
        title: 'Training Data (one folder per class)',
        buttonLabel: 'Use This Folder',
        properties: ['openDirectory'],
      }),
    chooseModelExportFile: (suggestedName) =>
      save(`${suggestedName}.tfmodel`, {
        title: 'Export Model',
        filters: [{ name: 'Timbrefold model', extensions: ['tfmodel'] }],
        properties: ['showOverwriteConfirmation'],
      }),
    chooseRatingsExportFile: (suggestedName) =>
      save(`${suggestedName}.csv`, {
        title: 'Export Ratings',
        filters: [{ name: 'CSV', extensions: ['csv'] }],
        properties: ['showOverwriteConfirmation'],
      }),
    chooseSaveFolder: (suggestedName) =>
      save(suggestedName === 'Untitled' ? 'My Timbrefold Project' : suggestedName, {
        title: 'Save Project As',
        buttonLabel: 'Save Project',
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
  };
}
