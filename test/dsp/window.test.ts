import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOverlapAdd, hannWindow } from '../../src/main/dsp/index';

describe('hannWindow', () => {
  test('is periodic: starts at 0, peaks at n/2, and its shifted copies at n/4 sum to a constant', () => {
    const n = 1024;
    const w = hannWindow(n);
    assert.equal(w[0], 0);
    assert.equal(w[n / 2], 1);
    assert.ok(Math.abs(w[1]! - w[n - 1]!) < 1e-7, 'symmetric about n/2');
    for (let i = 0; i < n / 4; i++) {
      const sum = w[i]! + w[i + n / 4]! + w[i + n / 2]! + w[i + (3 * n) / 4]!;
      assert.ok(Math.abs(sum - 2) < 1e-6, `sum ${sum} at ${i}`);
    }
  });

  test('a shorter window sits centred in zeros', () => {
    const w = hannWindow(512, 480);
    assert.ok(
      w.subarray(0, 17).every((v) => v === 0) && w.subarray(16 + 480).every((v) => v === 0),
    );
    assert.equal(w[16 + 240], 1);
  });
});

describe('checkOverlapAdd', () => {
  test('Hann at hops up to n/2 is flat enough; past about 0.8 n it is not', () => {
    const w = hannWindow(2048);
    const quarter = checkOverlapAdd(w, 512);
    assert.ok(
      quarter.ok && Math.abs(quarter.flatness - 1) < 1e-6,
      'hop n/4 sums w^2 to a constant',
    );
    assert.ok(checkOverlapAdd(w, 1024).ok);
    assert.ok(!checkOverlapAdd(w, 1800).ok);
    assert.equal(
      checkOverlapAdd(w, 2048).minEnvelope,
      0,
      'hop n leaves sample 0 of each frame unseen',
    );
    assert.equal(checkOverlapAdd(w, 3000).flatness, 0, 'hops past n leave gaps');
  });
});
