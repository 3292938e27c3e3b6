// A producer's first hour in the editor (issue 13 section 3), in Chromium through the test host.
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { guidanceAndProgress, keyboardOnly, newAsksFirst } from './first-hour-flows';

const skip = missingChromium();

describe("a producer's first hour (test host)", { skip: skip ?? false }, () => {
  test('the keyboard: timeline, Space, Escape, the shortcut list, undo in a slider', async () => {
    const session = await openEditor('first-hour-keyboard');
    try {
      await keyboardOnly(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });

  test('New asks before discarding an untitled session; Recent offers its autosave', async () => {
    const session = await openEditor('first-hour-new');
    try {
      await newAsksFirst(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });

  test(
    "guidance in the transfer panel; a job's progress in the title and a notice when done",
    { timeout: 400000 },
    async () => {
      const session = await openEditor('first-hour-guidance');
      try {
        await guidanceAndProgress(session);
        assertNoPageErrors(session.pageErrors);
      } finally {
        await session.close();
      }
    },
  );
});
