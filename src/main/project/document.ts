// A fresh session document and the defaults of its transfer panel (the engine's default preset).
import {
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type ProjectDocument,
  type TrackState,
  type TransferSettings,
} from '../../shared/ipc-project';
import { SHALLOW_PRESETS } from '../transfer/settings';

export function defaultTransferSettings(): TransferSettings {
  const preset = SHALLOW_PRESETS.default;
  return {
    method: 'shallow',
    preset: 'default',
    contentWeight: preset.contentWeight,
    styleWeight: preset.styleWeight,
    iterations: preset.iterations,
    seed: preset.seed,
    start: preset.start,
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
