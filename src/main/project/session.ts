// The open project: its folder, its document, undo history and autosave. Every change goes
// through here, bumps the revision and is reported to the page; the folder on disk follows within
// a second or two (autosave), so a crash loses at most the last moments of editing.
import { mkdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type {
  ClipInfo,
  ProjectDocument,
  ProjectEdit,
  ProjectSnapshot,
  TrackState,
} from '../../shared/ipc-project';
import { mediaPath, type MediaRegistry } from '../media/media-registry';
import { emptyDocument } from './document';
import { addTracks, applyEdit, type EditOutcome } from './edits';
import { ProjectError } from './errors';
import { UndoHistory } from './history';
import { Autosaver } from './autosave';
import { newId } from './audio-import';
import {
  assertUsableNewFolder,
  copyProjectAudio,
  plainProjectFile,
  readProjectFile,
  removeProjectLeftovers,
  writeProjectFile,
} from './project-files';
import type { RecentProjects } from './recent-projects';
import { isUntitledFolder, untitledFolder } from './untitled-autosaves';

export interface ProjectSessionOptions {
  /** The app's own folder: untitled projects live under it until saved elsewhere. */
  dataDir: string;
  media: MediaRegistry;
  /** Turns a media route path into the URL the page fetches (hosts differ in origin). */
  mediaUrl: (path: string) => string;
  recent: RecentProjects;
  onChange: (snapshot: ProjectSnapshot) => void;
  onSaveError: (error: unknown) => void;
  autosaveDelayMs?: number;
}

export class ProjectSession {
  private folderPath = '';
  private untitled = true;
  private document: ProjectDocument = emptyDocument('Untitled');
  private readonly history = new UndoHistory();
  private revision = 0;
  private opened = 0;
  private savedAt: number | null = null;
  private missing = new Set<string>();
  private readonly autosaver: Autosaver;

  constructor(private readonly options: ProjectSessionOptions) {
    this.autosaver = new Autosaver(
      () => this.writeNow(),
      (error) => options.onSaveError(error),
      options.autosaveDelayMs ?? 400,
    );
  }

  get folder(): string {
    return this.folderPath;
  }

  get isUntitled(): boolean {
    return this.untitled;
  }

  get current(): ProjectDocument {
    return this.document;
  }

  /** Absolute path of a file named relative to the project folder. */
  pathOf(file: string): string {
    return join(this.folderPath, file);
  }

  /** The path of a file the document names, to read: refused when it is a link or not a file. */
  readablePathOf(file: string): Promise<string> {
    return plainProjectFile(this.folderPath, file);
  }

  snapshot(): ProjectSnapshot {
    const media: Record<string, string> = {};
    for (const track of this.document.tracks) {
      // A missing clip (gone, or a link to elsewhere) is never served.
      if (this.missing.has(track.clip.id)) continue;
      const token = this.options.media.register(this.pathOf(track.clip.file));
      media[track.clip.id] = this.options.mediaUrl(mediaPath(token, `${track.name}.wav`));
    }
    return {
      document: this.document,
      folder: this.untitled ? null : this.folderPath,
      media,
      missing: this.document.tracks
        .filter((t) => this.missing.has(t.clip.id))
        .map((t) => t.clip.id),
      undo: this.history.undoLabel,
      redo: this.history.redoLabel,
      revision: this.revision,
      savedAt: this.savedAt,
      opened: this.opened,
    };
  }

  /** A new untitled project in a scratch folder of the app. */
  async createUntitled(): Promise<ProjectSnapshot> {
    await this.close();
    const folder = join(untitledFolder(this.options.dataDir), `${Date.now()}-${newId()}`);
    await mkdir(join(folder, 'audio'), { recursive: true });
    this.replace(folder, true, emptyDocument('Untitled'));
    this.autosaver.schedule();
    await this.autosaver.flush();
    await this.options.recent.opened(folder, this.document.name, false);
    return this.changed();
  }

  async open(folder: string): Promise<ProjectSnapshot> {
    const absolute = resolve(folder);
    const document = await readProjectFile(absolute);
    await this.close();
    // What a crash or a kill left here (temporaries, unfinished results' names) goes first.
    await removeProjectLeftovers(absolute);
    this.replace(absolute, isUntitledFolder(this.options.dataDir, absolute), document);
    await this.checkMissing();
    this.savedAt = Date.now();
    await this.options.recent.opened(absolute, document.name, !this.untitled);
    return this.changed();
  }

  /** Writes the project into a new folder and carries on there. */
  async saveAs(folder: string): Promise<ProjectSnapshot> {
    const target = resolve(folder);
    if (target === this.folderPath) return this.save();
    await assertUsableNewFolder(target);
    await mkdir(join(target, 'audio'), { recursive: true });
    await copyProjectAudio(this.folderPath, target, this.document);
    const document = { ...this.document, name: basename(target) };
    await writeProjectFile(target, document);
    const scratch = this.untitled ? this.folderPath : null;
    this.autosaver.cancel();
    this.folderPath = target;
    this.untitled = false;
    this.document = document;
    this.savedAt = Date.now();
    await this.options.recent.opened(target, document.name, true);
    if (scratch) await rm(scratch, { recursive: true, force: true });
    return this.changed();
  }

  /** Writes project.json now. */
  async save(): Promise<ProjectSnapshot> {
    this.autosaver.schedule();
    await this.autosaver.flush();
    return this.changed(false);
  }

  edit(edit: ProjectEdit): ProjectSnapshot {
    return this.commit(applyEdit(this.document, edit));
  }

  addTracks(tracks: TrackState[], label: string): ProjectSnapshot {
    return this.commit(addTracks(this.document, tracks, label));
  }

  undo(): ProjectSnapshot {
    const document = this.history.undo();
    if (!document) throw new ProjectError('NOTHING_TO_DO', 'There is nothing to undo.');
    return this.apply(document);
  }

  redo(): ProjectSnapshot {
    const document = this.history.redo();
    if (!document) throw new ProjectError('NOTHING_TO_DO', 'There is nothing to redo.');
    return this.apply(document);
  }

  findTrack(trackId: string): TrackState {
    const track = this.document.tracks.find((t) => t.id === trackId);
    if (!track)
      throw new ProjectError(
        'NO_SUCH_TRACK',
        `There is no track with id "${trackId}" in this project.`,
      );
    return track;
  }

  findClip(clipId: string): ClipInfo | undefined {
    return this.document.tracks.find((t) => t.clip.id === clipId)?.clip;
  }

  /** Saves what is pending; call before switching projects or quitting. */
  async close(): Promise<void> {
    if (this.folderPath) await this.autosaver.flush();
  }

  private replace(folder: string, untitled: boolean, document: ProjectDocument): void {
    this.autosaver.cancel();
    this.opened++;
    this.folderPath = folder;
    this.untitled = untitled;
    this.document = document;
    this.history.clear();
    this.missing.clear();
    this.savedAt = null;
    this.options.media.clear();
  }

  private commit(outcome: EditOutcome): ProjectSnapshot {
    this.history.record(outcome.label, this.document, outcome.document, outcome.coalesceKey);
    return this.apply(outcome.document);
  }

  private apply(document: ProjectDocument): ProjectSnapshot {
    if (document === this.document) return this.snapshot();
    this.document = document;
    this.autosaver.schedule();
    return this.changed();
  }

  private changed(bump = true): ProjectSnapshot {
    if (bump) this.revision++;
    const snapshot = this.snapshot();
    this.options.onChange(snapshot);
    return snapshot;
  }

  private async writeNow(): Promise<void> {
    const folder = this.folderPath;
    await writeProjectFile(folder, this.document);
    if (folder === this.folderPath) this.savedAt = Date.now();
  }

  private async checkMissing(): Promise<void> {
    for (const track of this.document.tracks) {
      try {
        await plainProjectFile(this.folderPath, track.clip.file);
      } catch {
        this.missing.add(track.clip.id);
      }
    }
  }
}
