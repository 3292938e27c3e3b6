// Tensors are disposed deterministically: the tensor count and bytes are the same at every
// iteration and after every run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, shallowTransfer, type TransferOptions } from '../../src/main/engine';
import { SMALL_SHAPE, smallClips } from './problems';

const { content, styles } = smallClips();

describe('tensor memory', () => {
  for (const backend of ['wasm', 'cpu'] as const)
    for (const optimiser of ['lbfgs', 'adam'] as const)
      for (const styleMode of ['gram', 'frames'] as const)
        test(`no growth across iterations and runs (${backend}, ${optimiser}, ${styleMode})`, async () => {
          await initBackend({ backend });
          const before = tf.memory();
          const perIteration: { numTensors: number; numBytes: number }[] = [];
          const options: TransferOptions = {
            styleMode,
            onIteration: () => {
              const m = tf.memory();
              perIteration.push({ numTensors: m.numTensors, numBytes: m.numBytes });
            },
          };
          const params = { filters: SMALL_SHAPE.filters, iterations: 12, optimiser } as const;
          const styleInputs = [{ spectrogram: styles[0]! }, { spectrogram: styles[1]! }];
          for (let run = 0; run < 3; run++) {
            perIteration.length = 0;
            await shallowTransfer(content, styleInputs, params, options);
            assert.equal(perIteration.length, 12);
            for (const m of perIteration)
              assert.deepEqual(m, perIteration[0], `run ${run}: memory changed between iterations`);
            const after = tf.memory();
            assert.equal(after.numTensors, before.numTensors, `run ${run} left tensors behind`);
            assert.equal(after.numBytes, before.numBytes, `run ${run} left bytes behind`);
          }
        });

  test('a failed run leaves no tensors behind', async () => {
    await initBackend({ backend: 'wasm' });
    const before = tf.memory().numTensors;
    await assert.rejects(
      shallowTransfer(
        content,
        [{ spectrogram: styles[0]! }],
        { filters: 64, iterations: 5 },
        {
          onIteration: (p) => {
            if (p.iteration === 2) throw new Error('consumer failed');
          },
        },
      ),
      /consumer failed/,
    );
    assert.equal(tf.memory().numTensors, before);
  });
});
