// The file dialogs the editor needs. The Electron shell shows native dialogs; the test host
// answers from a queue its tests fill (so a test clicks "Import audio" like a user would).
import type { DialogKind } from '../../shared/dialog-kinds';

export interface Dialogs {
  /** Audio files to import; null when the user cancels. */
  chooseAudioFiles(): Promise<string[] | null>;
  /** An existing project folder to open. */
  chooseProjectFolder(): Promise<string | null>;
  /** A new folder to save the project into (it may not exist yet). */
  chooseSaveFolder(suggestedName: string): Promise<string | null>;
  /** A folder to export stems into. */
  chooseExportFolder(): Promise<string | null>;
  /** An exported model file to import. */
  chooseModelFile(): Promise<string | null>;
  /** A model folder (manifest.json + weights.bin) to import. */
  chooseModelFolder(): Promise<string | null>;
  /** Where to export a model (a new file). */
  chooseModelExportFile(suggestedName: string): Promise<string | null>;
  /**
   * Where to export the blind ratings as CSV: a new file, or an existing one the user confirmed
   * replacing in the dialog.
   */
  chooseRatingsExportFile(suggestedName: string): Promise<string | null>;
  /** A training folder: one subfolder of clips per class. */
  chooseTrainingFolder(): Promise<string | null>;
}

export { DIALOG_KINDS, SAVE_DIALOG_KINDS, type DialogKind } from '../../shared/dialog-kinds';

/** Dialog answers queued ahead of time, per kind; an empty queue answers "cancelled". */
export class ScriptedDialogs implements Dialogs {
  private readonly queues = new Map<DialogKind, (string[] | null)[]>();
  /** Every dialog the editor opened, in order (tests check the app asked). */
  readonly asked: DialogKind[] = [];

  enqueue(kind: DialogKind, answer: string[] | null): void {
    const queue = this.queues.get(kind) ?? [];
    queue.push(answer);
    this.queues.set(kind, queue);
  }

  private next(kind: DialogKind): string[] | null {
    this.asked.push(kind);
    return this.queues.get(kind)?.shift() ?? null;
  }

  chooseAudioFiles(): Promise<string[] | null> {
    return Promise.resolve(this.next('audio-files'));
  }
  chooseProjectFolder(): Promise<string | null> {
    return Promise.resolve(this.next('project-folder')?.[0] ?? null);
  }
  chooseSaveFolder(): Promise<string | null> {
    return Promise.resolve(this.next('save-folder')?.[0] ?? null);
  }
  chooseExportFolder(): Promise<string | null> {
    return Promise.resolve(this.next('export-folder')?.[0] ?? null);
  }
  chooseModelFile(): Promise<string | null> {
    return Promise.resolve(this.next('model-file')?.[0] ?? null);
  }
  chooseModelFolder(): Promise<string | null> {
    return Promise.resolve(this.next('model-folder')?.[0] ?? null);
  }
  chooseModelExportFile(): Promise<string | null> {
    return Promise.resolve(this.next('model-export')?.[0] ?? null);
  }
  chooseRatingsExportFile(): Promise<string | null> {
    return Promise.resolve(this.next('ratings-export')?.[0] ?? null);
  }
  chooseTrainingFolder(): Promise<string | null> {
    return Promise.resolve(this.next('training-folder')?.[0] ?? null);
  }
}
