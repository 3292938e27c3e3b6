// Tensors are disposed deterministically: the tensor count and bytes are the same at every
// iteration and after every run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine';
import {
  shallowTransfer,
  ShallowTransferSession,
  type ShallowTransferOptions,
} from '../../src/main/methods/shallow';
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
          const options: ShallowTransferOptions = {
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

  test('a session serves several windows and leaves nothing behind once disposed', async () => {
    await initBackend({ backend: 'wasm' });
    const before = tf.memory();
    const styleInputs = [{ spectrogram: styles[0]! }];
    const params = { filters: SMALL_SHAPE.filters, iterations: 4 } as const;
    const session = await ShallowTransferSession.create(content.bins, styleInputs, params, {
      contentFrames: content.frames,
    });
    const held = tf.memory().numTensors;
    const halves = [
      { ...content, frames: 20, data: content.data.subarray(0, 20 * content.bins) },
      { ...content, frames: content.frames - 20, data: content.data.subarray(20 * content.bins) },
    ];
    for (const half of halves) {
      const fromSession = await session.transfer(half);
      assert.equal(tf.memory().numTensors, held, 'a window left tensors behind');
      // The same numbers as a transfer that builds its own network and target.
      const alone = await shallowTransfer(half, styleInputs, params, {
        styleMode: session.styleMode,
      });
      assert.deepEqual(fromSession.spectrogram.data, alone.spectrogram.data);
    }
    session.dispose();
    assert.equal(tf.memory().numTensors, before.numTensors);
    assert.equal(tf.memory().numBytes, before.numBytes);
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
