// The transfer on a pair of small real spectrograms (violin content, flute and piano styles):
// the optimisers lower the loss, the result takes the style's Gram matrix, and the content
// weight holds the result to the content.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, type LogSpectrogram } from '../../src/main/engine';
import { shallowTransfer } from '../../src/main/methods/shallow';
import { transposeMatrix } from '../../src/main/engine/spectrogram';
import { SMALL_SHAPE, smallClips } from './problems';
import {
  referenceFeatures,
  referenceGram,
  referenceNetwork,
  type ReferenceNetwork,
} from './reference';

const { content, styles } = smallClips();
const small = { filters: SMALL_SHAPE.filters };

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

function size(a: ArrayLike<number>): number {
  return distance(a, new Float64Array(a.length));
}

function features(net: ReferenceNetwork, spec: LogSpectrogram): Float64Array {
  return referenceFeatures(net, transposeMatrix(spec.data, spec.frames, spec.bins), spec.frames);
}

function gram(net: ReferenceNetwork, spec: LogSpectrogram): Float64Array {
  return referenceGram(features(net, spec), net.shape.filters, spec.frames);
}

describe('shallow transfer on small real spectrograms', () => {
  test('L-BFGS lowers the loss every iteration and moves the Gram matrix to the style', async () => {
    await initBackend({ backend: 'wasm' });
    const losses: number[] = [];
    const result = await shallowTransfer(
      content,
      [{ spectrogram: styles[0]! }],
      { preset: 'ulyanov', ...small, iterations: 40 },
      { onIteration: (p) => void losses.push(p.loss) },
    );
    assert.equal(losses.length, result.iterations);
    for (let i = 1; i < losses.length; i++)
      assert.ok(losses[i]! <= losses[i - 1]!, `the loss rose at iteration ${i + 1}`);
    assert.ok(
      result.finalLoss.total < result.initialLoss.total / 10,
      `loss only fell from ${result.initialLoss.total} to ${result.finalLoss.total}`,
    );
    // Measured: 0.05 after 40 iterations (the content's own Gram is the yardstick: 1).
    const net = referenceNetwork(SMALL_SHAPE, 0);
    const styleGram = gram(net, styles[0]!);
    const ratio =
      distance(gram(net, result.spectrogram), styleGram) / distance(gram(net, content), styleGram);
    assert.ok(
      ratio < 0.15,
      `the result's Gram is ${ratio} of the content's distance from the style`,
    );
  });

  test('a large content weight keeps the result near the content; a small one does not', async () => {
    await initBackend({ backend: 'wasm' });
    const net = referenceNetwork(SMALL_SHAPE, 0);
    const contentFeatures = features(net, content);
    const moved = async (contentWeight: number) => {
      const r = await shallowTransfer(content, [{ spectrogram: styles[0]! }], {
        preset: 'default',
        ...small,
        iterations: 40,
        contentWeight,
      });
      return {
        spectrogram: distance(r.spectrogram.data, content.data) / size(content.data),
        features: distance(features(net, r.spectrogram), contentFeatures) / size(contentFeatures),
      };
    };
    // Measured: 1e-4 (alpha 1e3) against 0.63 (alpha 1e-2).
    const held = await moved(1e3);
    assert.ok(held.spectrogram < 0.01, `alpha 1e3 moved the spectrogram by ${held.spectrogram}`);
    assert.ok(held.features < 0.01, `alpha 1e3 moved the features by ${held.features}`);
    const free = await moved(1e-2);
    assert.ok(
      free.spectrogram > 0.3,
      `alpha 1e-2 moved the spectrogram only by ${free.spectrogram}`,
    );
  });

  test('two styles: the larger share pulls the Gram matrix its way', async () => {
    await initBackend({ backend: 'wasm' });
    const net = referenceNetwork(SMALL_SHAPE, 0);
    const [flute, piano] = [gram(net, styles[0]!), gram(net, styles[1]!)];
    const towards = async (fluteWeight: number, pianoWeight: number) => {
      const r = await shallowTransfer(
        content,
        [
          { spectrogram: styles[0]!, weight: fluteWeight },
          { spectrogram: styles[1]!, weight: pianoWeight },
        ],
        { preset: 'default', ...small, iterations: 40 },
      );
      const g = gram(net, r.spectrogram);
      return distance(g, flute) / distance(g, piano);
    };
    const mostlyFlute = await towards(9, 1);
    const mostlyPiano = await towards(1, 9);
    assert.ok(mostlyFlute < 1, `a 90 % flute mix ended nearer the piano (ratio ${mostlyFlute})`);
    assert.ok(mostlyPiano > 1, `a 90 % piano mix ended nearer the flute (ratio ${mostlyPiano})`);
  });

  test('Adam lowers the loss', async () => {
    await initBackend({ backend: 'wasm' });
    const result = await shallowTransfer(content, [{ spectrogram: styles[0]! }], {
      preset: 'ulyanov',
      ...small,
      optimiser: 'adam',
      learningRate: 0.05,
      iterations: 100,
    });
    assert.equal(result.iterations, 100);
    assert.ok(
      result.finalLoss.total < result.initialLoss.total / 5,
      `Adam only took the loss from ${result.initialLoss.total} to ${result.finalLoss.total}`,
    );
  });

  test('the result has the content shape; progress can read the current spectrogram', async () => {
    await initBackend({ backend: 'cpu' });
    for (const optimiser of ['lbfgs', 'adam'] as const) {
      let last: Float32Array | undefined;
      const result = await shallowTransfer(
        content,
        [{ spectrogram: styles[1]! }],
        { ...small, iterations: 5, optimiser },
        { onIteration: (p) => void (last = p.current()) },
      );
      assert.deepEqual(
        last,
        result.spectrogram.data,
        `${optimiser}: current() after the last step`,
      );
    }
    const result = await shallowTransfer(content, [{ spectrogram: styles[1]! }], {
      ...small,
      iterations: 5,
    });
    assert.equal(result.spectrogram.frames, content.frames);
    assert.equal(result.spectrogram.bins, content.bins);
    assert.ok(result.spectrogram.data.every(Number.isFinite));
    assert.equal(result.backend.backend, 'cpu');
  });
});
