// Export stems from the dialog and check the files' format, rate and length.
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { exportStems } from './flows';

const skip = missingChromium();

describe('exporting stems (test host)', { skip: skip ?? false }, () => {
  test('chosen tracks become WAV files of the chosen format, rate and length', async () => {
    const session = await openEditor('export-stems');
    try {
      await exportStems(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
