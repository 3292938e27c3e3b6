// Edits as pure functions: document in, new document out (the old one is never mutated, so the
// undo history can keep it as is). Each edit has a label for the Undo menu and a key that lets
// a burst of the same edit (a slider drag) become one undo step.
import type {
  ProjectDocument,
  ProjectEdit,
  TrackState,
  TransferSettings,
} from '../../shared/ipc-project';
import { extendedSelection } from '../../shared/selection-extend';
import { assertWithinBudget } from '../app/resource-budget';
import { ProjectError } from './errors';

export interface EditOutcome {
  document: ProjectDocument;
  label: string;
  /** Edits with the same key in quick succession merge into one undo step; null never merges. */
  coalesceKey: string | null;
}

/**
 * A clip may sit only where the session can still be exported: a stem runs from the session's
 * start to the clip's end, at the clip's rate and channels in float32, and must fit the memory
 * budget (a clip moved to 86,400 s would make a 33 GB export).
 */
function assertPlacementFits(track: TrackState, start: number): void {
  const { clip } = track;
  const end = start + clip.duration;
  assertWithinBudget({
    setting: 'start',
    makes: `placing ${track.name} at ${start} s makes a stem of`,
    count: Math.ceil(end),
    unit: 'seconds',
    bytesPerUnit: clip.sampleRate * clip.channels * 4,
    fix: 'place the clip earlier',
  });
}

function requireTrack(document: ProjectDocument, trackId: string): TrackState {
  const track = document.tracks.find((t) => t.id === trackId);
  if (!track)
    throw new ProjectError(
      'NO_SUCH_TRACK',
      `There is no track with id "${trackId}" in this project.`,
    );
  return track;
}

function updateTrack(
  document: ProjectDocument,
  trackId: string,
  change: Partial<TrackState>,
): ProjectDocument {
  requireTrack(document, trackId);
  return {
    ...document,
    tracks: document.tracks.map((t) => (t.id === trackId ? { ...t, ...change } : t)),
  };
}

/** Keeps the transfer panel pointing at tracks that exist and have the right role. */
export function reconcileTransfer(document: ProjectDocument): ProjectDocument {
  const { transfer, tracks } = document;
  const roleOf = new Map(tracks.map((t) => [t.id, t.role]));
  let contentTrackId = transfer.contentTrackId;
  if (contentTrackId !== null && roleOf.get(contentTrackId) !== 'content') contentTrackId = null;
  contentTrackId ??= tracks.find((t) => t.role === 'content')?.id ?? null;
  let styles = transfer.styles.filter((s) => roleOf.get(s.trackId) === 'style');
  if (styles.length === 0) {
    const firstStyle = tracks.find((t) => t.role === 'style');
    if (firstStyle) styles = [{ trackId: firstStyle.id, weight: 1 }];
  }
  const ratings = Object.fromEntries(
    Object.entries(document.ratings).filter(([id]) => roleOf.get(id) === 'result'),
  );
  const unchanged =
    contentTrackId === transfer.contentTrackId &&
    styles.length === transfer.styles.length &&
    styles.every((s, i) => s === transfer.styles[i]) &&
    Object.keys(ratings).length === Object.keys(document.ratings).length;
  if (unchanged) return document;
  return { ...document, transfer: { ...transfer, contentTrackId, styles }, ratings };
}

function trackName(document: ProjectDocument, trackId: string): string {
  return requireTrack(document, trackId).name;
}

export function applyEdit(document: ProjectDocument, edit: ProjectEdit): EditOutcome {
  switch (edit.type) {
    case 'rename-track': {
      const old = trackName(document, edit.trackId);
      return {
        document: updateTrack(document, edit.trackId, { name: edit.name }),
        label: `Rename ${old}`,
        coalesceKey: `rename:${edit.trackId}`,
      };
    }
    case 'set-track-gain':
      return {
        document: updateTrack(document, edit.trackId, { gainDb: edit.gainDb }),
        label: `Gain of ${trackName(document, edit.trackId)}`,
        coalesceKey: `gain:${edit.trackId}`,
      };
    case 'set-track-mute':
      return {
        document: updateTrack(document, edit.trackId, { mute: edit.mute }),
        label: `${edit.mute ? 'Mute' : 'Unmute'} ${trackName(document, edit.trackId)}`,
        coalesceKey: null,
      };
    case 'set-track-solo':
      return {
        document: updateTrack(document, edit.trackId, { solo: edit.solo }),
        label: `${edit.solo ? 'Solo' : 'Unsolo'} ${trackName(document, edit.trackId)}`,
        coalesceKey: null,
      };
    case 'set-track-role': {
      const track = requireTrack(document, edit.trackId);
      if (track.role === 'result')
        throw new ProjectError(
          'NOTHING_TO_DO',
          `${track.name} is a result; only content and style tracks can change role.`,
        );
      return {
        document: reconcileTransfer(updateTrack(document, edit.trackId, { role: edit.role })),
        label: `Make ${track.name} ${edit.role}`,
        coalesceKey: null,
      };
    }
    case 'move-clip': {
      const track = requireTrack(document, edit.trackId);
      assertPlacementFits(track, edit.start);
      return {
        document: updateTrack(document, edit.trackId, {
          clip: { ...track.clip, start: edit.start },
        }),
        label: `Move ${trackName(document, edit.trackId)}`,
        coalesceKey: `move:${edit.trackId}`,
      };
    }
    case 'move-track': {
      const track = requireTrack(document, edit.trackId);
      const others = document.tracks.filter((t) => t.id !== edit.trackId);
      const index = Math.min(edit.index, others.length);
      if (document.tracks[index] === track)
        throw new ProjectError('NOTHING_TO_DO', `${track.name} is already there.`);
      return {
        document: {
          ...document,
          tracks: [...others.slice(0, index), track, ...others.slice(index)],
        },
        label: `Move ${track.name} ${index < document.tracks.indexOf(track) ? 'up' : 'down'}`,
        coalesceKey: `order:${edit.trackId}`,
      };
    }
    case 'remove-track': {
      const name = trackName(document, edit.trackId);
      return {
        document: reconcileTransfer({
          ...document,
          tracks: document.tracks.filter((t) => t.id !== edit.trackId),
        }),
        label: `Remove ${name}`,
        coalesceKey: null,
      };
    }
    case 'set-selection':
      return {
        document: { ...document, selection: edit.selection },
        label: edit.selection ? 'Select region' : 'Clear selection',
        coalesceKey: 'selection',
      };
    case 'extend-selection': {
      const selection = extendedSelection(document.selection, edit.from, edit.to);
      return {
        document: { ...document, selection },
        label: selection ? 'Select region' : 'Clear selection',
        coalesceKey: 'selection',
      };
    }
    case 'set-transfer':
      return applyTransferSettings(document, edit.settings);
    case 'set-transfer-value':
      return {
        document: {
          ...document,
          transfer: {
            ...document.transfer,
            values: { ...document.transfer.values, [edit.name]: edit.value },
          },
        },
        label: 'Transfer settings',
        coalesceKey: `transfer:values.${edit.name}`,
      };
    case 'set-style': {
      const track = requireTrack(document, edit.trackId);
      if (track.role !== 'style')
        throw new ProjectError('NOTHING_TO_DO', `${track.name} is not a style track.`);
      const { styles } = document.transfer;
      const used = styles.some((s) => s.trackId === edit.trackId);
      const { weight } = edit;
      const next =
        weight === null
          ? styles.filter((s) => s.trackId !== edit.trackId)
          : used
            ? styles.map((s) => (s.trackId === edit.trackId ? { ...s, weight } : s))
            : [...styles, { trackId: edit.trackId, weight }];
      return {
        document: { ...document, transfer: { ...document.transfer, styles: next } },
        label:
          weight === null
            ? `Stop using ${track.name} as style`
            : used
              ? `Weight of ${track.name}`
              : `Use ${track.name} as style`,
        // A weight typed digit by digit is one undo step; using or dropping a style is its own.
        coalesceKey: weight !== null && used ? `style-weight:${edit.trackId}` : null,
      };
    }
    case 'rate-result': {
      const track = requireTrack(document, edit.trackId);
      // The content is rated too, as the blind test's hidden reference (seed 001's protocol):
      // a rating row that only results had would tell the listener which sound is which.
      if (track.role === 'style')
        throw new ProjectError(
          'NOTHING_TO_DO',
          `${track.name} is a style clip; the blind test rates the content and the results.`,
        );
      const ratings = { ...document.ratings };
      if (edit.rating === null) delete ratings[edit.trackId];
      else ratings[edit.trackId] = edit.rating;
      return {
        document: { ...document, ratings },
        label: `Rate ${track.name}`,
        coalesceKey: `rate:${edit.trackId}`,
      };
    }
    case 'rename-project':
      return {
        document: { ...document, name: edit.name },
        label: 'Rename project',
        coalesceKey: 'rename-project',
      };
  }
}

function applyTransferSettings(
  document: ProjectDocument,
  settings: Partial<TransferSettings>,
): EditOutcome {
  if (settings.contentTrackId != null) {
    const track = requireTrack(document, settings.contentTrackId);
    if (track.role !== 'content')
      throw new ProjectError('NOTHING_TO_DO', `${track.name} is not a content track.`);
  }
  for (const style of settings.styles ?? []) {
    const track = requireTrack(document, style.trackId);
    if (track.role !== 'style')
      throw new ProjectError('NOTHING_TO_DO', `${track.name} is not a style track.`);
  }
  // Values are named one by one, so the drags of one slider coalesce into one undo step.
  const keys = Object.keys(settings)
    .flatMap((key) =>
      key === 'values' && settings.values
        ? Object.keys(settings.values).map((v) => `values.${v}`)
        : [key],
    )
    .sort();
  return {
    document: { ...document, transfer: { ...document.transfer, ...settings } },
    label: 'Transfer settings',
    coalesceKey: `transfer:${keys.join(',')}`,
  };
}

/** Adds tracks (an import, a recording, a finished result) as one undoable step. */
export function addTracks(
  document: ProjectDocument,
  tracks: TrackState[],
  label: string,
): EditOutcome {
  return {
    document: reconcileTransfer({ ...document, tracks: [...document.tracks, ...tracks] }),
    label,
    coalesceKey: null,
  };
}
