// Cancellation by AbortSignal stops the run within one iteration, whether it comes from the
// progress callback or from the event loop (as a worker's cancel message would).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, TransferCancelled } from '../../src/main/engine';
import { shallowTransfer } from '../../src/main/methods/shallow';
import { SMALL_SHAPE, smallClips } from './problems';

const { content, styles } = smallClips();
const params = { preset: 'ulyanov', filters: SMALL_SHAPE.filters } as const;

describe('cancelling a transfer', () => {
  for (const optimiser of ['lbfgs', 'adam'] as const) {
    test(`an abort during iteration 3 stops ${optimiser} before iteration 4`, async () => {
      await initBackend({ backend: 'wasm' });
      const controller = new AbortController();
      const seen: number[] = [];
      await assert.rejects(
        shallowTransfer(
          content,
          [{ spectrogram: styles[0]! }],
          { ...params, optimiser, iterations: 50 },
          {
            signal: controller.signal,
            onIteration: (p) => {
              seen.push(p.iteration);
              if (p.iteration === 3) controller.abort();
            },
          },
        ),
        (error: unknown) => {
          assert.ok(error instanceof TransferCancelled, `rejected with ${String(error)}`);
          assert.equal(error.iterationsDone, 3);
          assert.equal(error.iterationsPlanned, 50);
          assert.equal(error.userFacing, true);
          return true;
        },
      );
      assert.deepEqual(seen, [1, 2, 3]);
    });
  }

  test('an abort from a timer gets in between iterations', async () => {
    await initBackend({ backend: 'wasm' });
    const controller = new AbortController();
    let iterations = 0;
    let atAbort = -1;
    setTimeout(() => {
      atAbort = iterations;
      controller.abort();
    }, 300);
    await assert.rejects(
      shallowTransfer(
        content,
        [{ spectrogram: styles[0]! }],
        // Adam never stops early, so only the abort can end this run.
        { ...params, optimiser: 'adam', iterations: 100000 },
        { signal: controller.signal, onIteration: (p) => void (iterations = p.iteration) },
      ),
      TransferCancelled,
    );
    assert.ok(atAbort >= 0, 'the timer never fired: the loop did not yield');
    assert.equal(iterations, atAbort, 'iterations ran after the abort');
  });

  test('an already aborted signal stops the run before its first iteration', async () => {
    await initBackend({ backend: 'wasm' });
    let called = false;
    await assert.rejects(
      shallowTransfer(
        content,
        [{ spectrogram: styles[0]! }],
        { ...params, iterations: 10 },
        { signal: AbortSignal.abort(), onIteration: () => void (called = true) },
      ),
      (error: unknown) => error instanceof TransferCancelled && error.iterationsDone === 0,
    );
    assert.equal(called, false);
  });
});
