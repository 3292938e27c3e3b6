// The application menu offers what the issue lists, with the usual accelerators, and no two
// commands share a key.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MENUS, menuItems } from '../../src/shared/ipc-menu';

describe('menus', () => {
  test('File, Edit, View and Transport hold the expected commands and keys', () => {
    const labels = Object.fromEntries(
      MENUS.map((m) => [m.label, m.items.flatMap((i) => (i === 'separator' ? [] : [i.label]))]),
    );
    assert.deepEqual(labels['File'], [
      'New Project',
      'Open Project…',
      'Save',
      'Save As…',
      'Import Audio…',
      'Export Stems…',
    ]);
    assert.deepEqual(labels['Edit'], ['Undo', 'Redo']);
    assert.deepEqual(labels['View'], ['Zoom In', 'Zoom Out', 'Zoom to Fit']);
    assert.deepEqual(labels['Transport'], ['Play/Pause', 'Stop', 'Loop Selection']);
    assert.deepEqual(labels['Help'], ['Keyboard Shortcuts']);
    const keys = Object.fromEntries(menuItems().map((i) => [i.command, i.accelerator]));
    assert.equal(keys['play-pause'], 'Space');
    assert.equal(keys['undo'], 'CmdOrCtrl+Z');
    assert.equal(keys['save-project'], 'CmdOrCtrl+S');
    const accelerators = menuItems().map((i) => i.accelerator);
    assert.equal(new Set(accelerators).size, accelerators.length, 'an accelerator is used twice');
  });
});
