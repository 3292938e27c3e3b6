// Same inputs, parameters and seed on the same backend give the same output, bit for bit; the
// seed alone decides the finite network and, from noise, the start (the kernel form draws no
// filters, so from the content it has nothing random).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalFilters, filterStd, initBackend } from '../../src/main/engine';
import { shallowTransfer, type TransferParamsInput } from '../../src/main/methods/shallow';
import { SMALL_SHAPE, smallClips } from './problems';

const { content, styles } = smallClips();

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

async function run(params: TransferParamsInput): Promise<Float32Array> {
  const r = await shallowTransfer(
    content,
    [{ spectrogram: styles[0]!, weight: 2 }, { spectrogram: styles[1]! }],
    { filters: SMALL_SHAPE.filters, iterations: 15, ...params },
  );
  return r.spectrogram.data;
}

describe('reproducible transfer', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    test(`the same seed gives the same result bit for bit (${backend}, L-BFGS and Adam)`, async () => {
      await initBackend({ backend });
      for (const params of [
        { preset: 'ulyanov', seed: 5 },
        { preset: 'default', network: 'finite', seed: 5, optimiser: 'adam' },
        { preset: 'default', network: 'kernel', seed: 5, start: 'noise' },
      ] as TransferParamsInput[]) {
        const first = await run(params);
        const second = await run(params);
        assert.ok(sameBits(first, second), `${JSON.stringify(params)}: two runs differ`);
        const otherSeed = await run({ ...params, seed: 6 });
        assert.ok(
          !sameBits(first, otherSeed),
          `${JSON.stringify(params)}: seed 6 gave seed 5's result`,
        );
      }
    });
  }

  test('the filters depend on the seed alone and have the peer standard deviation', () => {
    const a = canonicalFilters(SMALL_SHAPE, 3);
    assert.ok(sameBits(a, canonicalFilters(SMALL_SHAPE, 3)));
    assert.ok(!sameBits(a, canonicalFilters(SMALL_SHAPE, 4)));
    let sum = 0;
    let squares = 0;
    for (const v of a) {
      sum += v;
      squares += v * v;
    }
    const mean = sum / a.length;
    const std = Math.sqrt(squares / a.length - mean * mean);
    // sqrt(2) * sqrt(2 / ((65 + 64) * 11)) = 0.0752; 45,760 draws: sampling error ~0.3 %.
    const expected = Math.SQRT2 * Math.sqrt(2 / ((65 + 64) * 11));
    assert.ok(Math.abs(filterStd(SMALL_SHAPE) - expected) < 1e-12);
    assert.ok(Math.abs(std / expected - 1) < 0.02, `filter std ${std}, expected ${expected}`);
    assert.ok(Math.abs(mean) < 0.02 * expected, `filter mean ${mean}`);
  });
});
