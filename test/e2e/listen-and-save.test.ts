// Play, switch A/B, undo and redo from the keyboard, save to a folder and reopen it.
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { listenAndSave } from './flows';

const skip = missingChromium();

describe('listening and saving (test host)', { skip: skip ?? false }, () => {
  test('play, A/B, undo, save and reopen', async () => {
    const session = await openEditor('listen-and-save');
    try {
      await listenAndSave(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
