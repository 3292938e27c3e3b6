// Set the sliders, start a transfer, see previews and the loss plot, cancel one job and finish
// another into a result track, A/B and rate it blind. Prints the page's frame times while the
// engine worked (a figure for the report, never a pass/fail threshold).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../fixtures/paths';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { transferFlow } from './flows';

const skip = missingChromium();

describe('transfer (test host)', { skip: skip ?? false }, () => {
  test('preview, cancel, finish, A/B and blind rating', { timeout: 300000 }, async () => {
    const session = await openEditor('transfer');
    try {
      const frames = await transferFlow(session);
      console.log(`renderer frame times during transfer jobs: ${JSON.stringify(frames)}`);
      await writeFile(
        join(repoRoot, 'test-results', 'e2e', 'frame-times.json'),
        `${JSON.stringify(frames, null, 2)}\n`,
      );
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
