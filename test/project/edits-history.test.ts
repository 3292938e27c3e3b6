// Every edit is undoable; a burst of the same edit (a slider drag) is one undo step; the transfer
// panel never points at a track that is gone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProjectDocument, TrackState } from '../../src/shared/ipc-project';
import { emptyDocument } from '../../src/main/project/document';
import { addTracks, applyEdit } from '../../src/main/project/edits';
import { UndoHistory } from '../../src/main/project/history';

function track(id: string, role: TrackState['role']): TrackState {
  return {
    id,
    name: `track ${id}`,
    role,
    clip: {
      id: `clip-${id}`,
      file: `audio/${id}.wav`,
      sourceName: `${id}.wav`,
      sampleRate: 16000,
      channels: 1,
      frames: 16000,
      duration: 1,
      start: 0,
      loudnessLufs: -20,
      peakDb: -3,
    },
    mute: false,
    solo: false,
    gainDb: 0,
    recipe: null,
  };
}

function session(): {
  doc: () => ProjectDocument;
  edit: (e: Parameters<typeof applyEdit>[1]) => void;
  history: UndoHistory;
  clock: { now: number };
} {
  const clock = { now: 0 };
  const history = new UndoHistory({ now: () => clock.now, coalesceMs: 1000 });
  let document = addTracks(
    emptyDocument('t'),
    [track('a', 'content'), track('b', 'style'), track('c', 'result')],
    'add',
  ).document;
  return {
    doc: () => document,
    history,
    clock,
    edit(change) {
      const outcome = applyEdit(document, change);
      history.record(outcome.label, document, outcome.document, outcome.coalesceKey);
      document = outcome.document;
    },
  };
}

describe('edits and undo', () => {
  test('adding tracks picks the content and first style for the transfer panel', () => {
    const s = session();
    assert.equal(s.doc().transfer.contentTrackId, 'a');
    assert.deepEqual(s.doc().transfer.styles, [{ trackId: 'b', weight: 1 }]);
  });

  test('a slider drag is one undo step; a pause starts a new one', () => {
    const s = session();
    for (const gainDb of [-1, -2, -3, -4]) {
      s.clock.now += 50;
      s.edit({ type: 'set-track-gain', trackId: 'a', gainDb });
    }
    s.clock.now += 5000;
    s.edit({ type: 'set-track-gain', trackId: 'a', gainDb: -10 });
    assert.equal(s.history.undoLabel, 'Gain of track a');
    const back1 = s.history.undo()!;
    assert.equal(back1.tracks[0]!.gainDb, -4);
    const back2 = s.history.undo()!;
    assert.equal(back2.tracks[0]!.gainDb, 0);
    assert.equal(s.history.undo(), undefined);
    assert.equal(s.history.redo()!.tracks[0]!.gainDb, -4);
    assert.equal(s.history.redo()!.tracks[0]!.gainDb, -10);
    assert.equal(s.history.redo(), undefined);
  });

  test('move-track puts a track at an index, the others keeping their order, as one undo step', () => {
    const s = session();
    const order = (): string[] => s.doc().tracks.map((t) => t.id);
    const before = order();
    s.edit({ type: 'move-track', trackId: before[2]!, index: 0 });
    assert.deepEqual(order(), [before[2], before[0], before[1]]);
    s.edit({ type: 'move-track', trackId: before[0]!, index: 99 });
    assert.deepEqual(order(), [before[2], before[1], before[0]], 'past the end: last');
    assert.throws(
      () => s.edit({ type: 'move-track', trackId: before[0]!, index: 2 }),
      /is already there/,
    );
    assert.equal(s.history.undoLabel, 'Move track a down');
  });

  test('one panel value is merged into the current values; a key held on it is one undo step', () => {
    const s = session();
    for (const alpha of [0.011, 0.012, 0.013]) {
      s.clock.now += 30;
      s.edit({ type: 'set-transfer-value', name: 'contentWeight', value: alpha });
    }
    s.clock.now += 30;
    // Sent straight after, as a page whose snapshot still shows the old alpha would: alpha stays.
    s.edit({ type: 'set-transfer-value', name: 'styleWeight', value: 6.31 });
    assert.deepEqual(s.doc().transfer.values, { contentWeight: 0.013, styleWeight: 6.31 });
    assert.deepEqual(s.history.undo()!.transfer.values, { contentWeight: 0.013 });
    assert.deepEqual(s.history.undo()!.transfer.values, {});
  });

  test('set-style uses, reweighs and drops one style track, leaving the others', () => {
    const s = session();
    s.edit({ type: 'set-style', trackId: 'b', weight: null });
    assert.deepEqual(s.doc().transfer.styles, []);
    assert.equal(s.history.undoLabel, 'Stop using track b as style');
    s.edit({ type: 'set-style', trackId: 'b', weight: 0.5 });
    assert.equal(s.history.undoLabel, 'Use track b as style');
    s.edit({ type: 'set-style', trackId: 'b', weight: 2 });
    assert.deepEqual(s.doc().transfer.styles, [{ trackId: 'b', weight: 2 }]);
    assert.equal(s.history.undoLabel, 'Weight of track b');
    const two = addTracks(s.doc(), [track('d', 'style')], 'add').document;
    const withD = applyEdit(two, { type: 'set-style', trackId: 'd', weight: 3 }).document;
    assert.deepEqual(withD.transfer.styles, [
      { trackId: 'b', weight: 2 },
      { trackId: 'd', weight: 3 },
    ]);
    const withoutB = applyEdit(withD, { type: 'set-style', trackId: 'b', weight: null }).document;
    assert.deepEqual(withoutB.transfer.styles, [{ trackId: 'd', weight: 3 }]);
    assert.throws(
      () => s.edit({ type: 'set-style', trackId: 'a', weight: 1 }),
      /track a is not a style track/,
    );
  });

  test('shift+arrow moves build on the selection the project has, in the order sent', () => {
    const s = session();
    // Three moves right and one left from 1 s, sent before any snapshot came back.
    for (const [from, to] of [
      [1, 1.5],
      [1.5, 2],
      [2, 2.5],
      [2.5, 2],
    ] as const)
      s.edit({ type: 'extend-selection', from, to });
    assert.deepEqual(s.doc().selection, { start: 1, end: 2 });
    s.edit({ type: 'extend-selection', from: 1, to: 2 });
    assert.equal(s.doc().selection, null, 'the start moved onto the end: nothing is selected');
    assert.deepEqual(s.history.undo()!.selection, null, 'one burst is one undo step');
  });

  test('a new edit after undo drops the redo branch', () => {
    const s = session();
    s.edit({ type: 'set-track-mute', trackId: 'a', mute: true });
    s.history.undo();
    assert.equal(s.history.redoLabel, 'Mute track a');
    s.edit({ type: 'set-track-solo', trackId: 'b', solo: true });
    assert.equal(s.history.redoLabel, null);
  });

  test('removing the content or a style track clears it from the transfer panel; ratings for content and results', () => {
    const s = session();
    s.edit({ type: 'rate-result', trackId: 'c', rating: 4 });
    assert.deepEqual(s.doc().ratings, { c: 4 });
    assert.throws(
      () => s.edit({ type: 'rate-result', trackId: 'b', rating: 3 }),
      /is a style clip; the blind test rates the content and the results/,
    );
    s.edit({ type: 'remove-track', trackId: 'b' });
    assert.deepEqual(s.doc().transfer.styles, []);
    s.edit({ type: 'remove-track', trackId: 'c' });
    assert.deepEqual(s.doc().ratings, {});
    s.edit({ type: 'set-track-role', trackId: 'a', role: 'style' });
    assert.equal(s.doc().transfer.contentTrackId, null);
    assert.deepEqual(s.doc().transfer.styles, [{ trackId: 'a', weight: 1 }]);
  });

  test('edits never change the document they were given (undo keeps it)', () => {
    const s = session();
    const before = structuredClone(s.doc());
    const frozen = s.doc();
    s.edit({ type: 'rename-track', trackId: 'a', name: 'piano' });
    s.edit({ type: 'move-clip', trackId: 'b', start: 2 });
    s.edit({ type: 'set-transfer', settings: { values: { contentWeight: 0.5 } } });
    assert.deepEqual(frozen, before);
    assert.throws(
      () => s.edit({ type: 'set-transfer', settings: { contentTrackId: 'b' } }),
      /not a content track/,
    );
    assert.throws(
      () => s.edit({ type: 'rename-track', trackId: 'zz', name: 'x' }),
      /no track with id "zz"/,
    );
  });
});
