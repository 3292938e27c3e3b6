// Drop a WAV on the window and record from the microphone: both become tracks with lanes.
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { dropAndRecord } from './flows';

const skip = missingChromium();

describe('drop and record (test host)', { skip: skip ?? false }, () => {
  test('a dropped WAV and a recording become tracks', async () => {
    const session = await openEditor('drop-and-record');
    try {
      await dropAndRecord(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
