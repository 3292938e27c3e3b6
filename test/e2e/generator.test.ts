// The fast method in the editor (test host, real engine): model kinds in the Models panel,
// training a generator from a project track with cancel and resume, and several clips at once.
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { fastBatchFlow, modelKindsFlow, trainGeneratorFlow } from './generator-flows';

const skip = missingChromium();

describe('trained generators (test host)', { skip: skip ?? false }, () => {
  test('model kinds, train a generator, fast batch', { timeout: 600000 }, async () => {
    const session = await openEditor('generator');
    try {
      await modelKindsFlow(session);
      await trainGeneratorFlow(session);
      await fastBatchFlow(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
