// A fresh session document and the defaults of its transfer panel (the first method's first preset).
import {
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type ProjectDocument,
  type TrackState,
  type TransferSettings,
} from '../../shared/ipc-project';
import { METHODS } from '../methods/registry';

/** The first method's first preset, with nothing changed. */
export function defaultTransferSettings(): TransferSettings {
  const method = METHODS[0]!;
  return {
    method: method.name,
    preset: method.presets[0]!.name,
    values: {},
    contentTrackId: null,
    styles: [],
  };
}

export function emptyDocument(name: string): ProjectDocument {
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name,
    tracks: [],
    selection: null,
    transfer: defaultTransferSettings(),
    ratings: {},
  };
}

export function findTrack(document: ProjectDocument, trackId: string): TrackState | undefined {
  return document.tracks.find((track) => track.id === trackId);
}

/** Where the session ends: the end of its last clip. */
export function sessionDuration(document: ProjectDocument): number {
  return document.tracks.reduce((end, t) => Math.max(end, t.clip.start + t.clip.duration), 0);
}
