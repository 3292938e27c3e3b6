// Import two corpus clips with "Import audio" and see their waveform and spectrogram lanes.
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { importAndSeeLanes } from './flows';

const skip = missingChromium();

describe('importing clips (test host)', { skip: skip ?? false }, () => {
  test('imported clips show waveform and spectrogram lanes', async () => {
    const session = await openEditor('import-and-lanes');
    try {
      await importAndSeeLanes(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
