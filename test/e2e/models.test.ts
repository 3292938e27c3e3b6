// The trained-CNN method in the editor (test host, real engine): the Models panel with the
// shipped models, a CNN transfer from the transfer panel, and training a tiny model with progress.
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { cnnTransferFlow, modelsPanelFlow, trainModelFlow } from './model-flows';

const skip = missingChromium();

describe('trained models (test host)', { skip: skip ?? false }, () => {
  test('models panel, CNN transfer, training', { timeout: 420000 }, async () => {
    const session = await openEditor('models');
    try {
      await modelsPanelFlow(session);
      await cnnTransferFlow(session);
      await trainModelFlow(session);
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
