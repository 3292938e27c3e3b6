// Training a CycleGAN in the editor (test host, real engine): the Models panel's form, every
// loss term live, the model listed with its two classes.
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { trainCycleGanFlow } from './cyclegan-flows';

const skip = missingChromium();

describe('CycleGAN training (test host)', { skip: skip ?? false }, () => {
  test('train a CycleGAN from the Models panel', { timeout: 300000 }, async () => {
    const session = await openEditor('cyclegan');
    try {
      await trainCycleGanFlow(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
