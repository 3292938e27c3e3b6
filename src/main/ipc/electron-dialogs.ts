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
    chooseProjectFolder: async () =>
      (await open({ title: 'Open Project', properties: ['openDirectory'] }))?.[0] ?? null,
    chooseExportFolder: async () =>
      (
        await open({
          title: 'Export Stems To',
          buttonLabel: 'Export Here',
          properties: ['openDirectory', 'createDirectory'],
        })
      )?.[0] ?? null,
    chooseModelFile: async () =>
      (
        await open({
          title: 'Import Model',
          properties: ['openFile'],
          filters: [
            { name: 'Timbrefold model', extensions: ['tfmodel'] },
            { name: 'All files', extensions: ['*'] },
          ],
        })
      )?.[0] ?? null,
    chooseModelFolder: async () =>
      (await open({ title: 'Import Model Folder', properties: ['openDirectory'] }))?.[0] ?? null,
    chooseTrainingFolder: async () =>
      (
        await open({
          title: 'Training Data (one folder per class)',
          buttonLabel: 'Use This Folder',
          properties: ['openDirectory'],
        })
      )?.[0] ?? null,
    chooseModelExportFile: async (suggestedName) => {
      const options: Electron.SaveDialogOptions = {
        title: 'Export Model',
        defaultPath: join(app.getPath('documents'), `${suggestedName}.tfmodel`),
        filters: [{ name: 'Timbrefold model', extensions: ['tfmodel'] }],
        properties: ['showOverwriteConfirmation'],
      };
      const owner = parent();
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    chooseRatingsExportFile: async (suggestedName) => {
      const options: Electron.SaveDialogOptions = {
        title: 'Export Ratings',
        defaultPath: join(app.getPath('documents'), `${suggestedName}.csv`),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
        properties: ['showOverwriteConfirmation'],
      };
      const owner = parent();
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    chooseSaveFolder: async (suggestedName) => {
      const options: Electron.SaveDialogOptions = {
        title: 'Save Project As',
        buttonLabel: 'Save Project',
        defaultPath: join(
          app.getPath('documents'),
          suggestedName === 'Untitled' ? 'My Timbrefold Project' : suggestedName,
        ),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const owner = parent();
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
