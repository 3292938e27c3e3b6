// Seed 004's envelope terms around a shallow objective (envelope-terms.ts): the shallow layout is
// bins x frames, envelopes.ts's is frames x bins, so the axes are swapped there; this pins the
// values to the definitions and the gradient to central differences (float64 arithmetic on
// float32 inputs: agreement to 1e-3 relative).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seededRandom } from '../../src/main/dsp/random';
import { withEnvelopes, type EnvelopeStyle } from '../../src/main/methods/shallow/envelope-terms';

const bins = 5;
const frames = 7;
const zero = {
  bins,
  frames,
  evaluate: () => ({ total: 0, content: 0, style: 0, gradient: new Float32Array(bins * frames) }),
};
const random = seededRandom(3);
const style: EnvelopeStyle = {
  energy: [{ envelope: random.fillNormal(new Float64Array(4), 0, 1), share: 1 }],
  frequency: random.fillNormal(new Float64Array(bins), 0, 1),
};
const x = random.fillNormal(new Float32Array(bins * frames), 0, 1);

describe('envelope terms of the shallow method', () => {
  test('values are the definitions: frames * |f - f_s|^2 and bins * |e - e_s|^2', () => {
    const objective = withEnvelopes(zero, style, { energyWeight: 2, frequencyWeight: 3 }, 1);
    let frequency = 0;
    for (let k = 0; k < bins; k++) {
      let f = 0;
      for (let t = 0; t < frames; t++) f += x[k * frames + t]! / frames;
      frequency += frames * (f - style.frequency[k]!) ** 2;
    }
    let energy = 0;
    for (let t = 0; t < frames; t++) {
      let e = 0;
      for (let k = 0; k < bins; k++) e += x[k * frames + t]! / bins;
      energy += bins * (e - style.energy[0]!.envelope[(t + 1) % 4]!) ** 2;
    }
    const { total, style: styleValue } = objective.evaluate(x);
    assert.ok(Math.abs(total - (2 * energy + 3 * frequency)) < 1e-9 * total);
    assert.equal(styleValue, total);
  });

  test('the gradient matches central differences', () => {
    const objective = withEnvelopes(zero, style, { energyWeight: 0.5, frequencyWeight: 2 }, 0);
    const { gradient } = objective.evaluate(x);
    const h = 1e-2;
    for (let i = 0; i < x.length; i++) {
      const plus = new Float32Array(x);
      const minus = new Float32Array(x);
      plus[i]! += h;
      minus[i]! -= h;
      const numeric = (objective.evaluate(plus).total - objective.evaluate(minus).total) / (2 * h);
      assert.ok(
        Math.abs(numeric - gradient[i]!) <= 1e-3 * Math.max(1, Math.abs(numeric)),
        `element ${i}: ${gradient[i]} vs ${numeric}`,
      );
    }
  });

  test('weights of 0 leave the objective as it was', () => {
    assert.equal(withEnvelopes(zero, style, { energyWeight: 0, frequencyWeight: 0 }, 0), zero);
  });
});
