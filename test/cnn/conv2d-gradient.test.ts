import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine/backend';
import { convLayer } from '../../src/main/engine/cnn/conv2d';
import {
  checkAgainstFiniteDifferences,
  normalTensor,
  relativeDifference,
  weightedSum,
} from './gradient-check';

interface Case {
  label: string;
  x: number[];
  kernel: number;
  channelsOut: number;
}

const cases: Case[] = [
  { label: '3x3, 3 -> 4 channels', x: [2, 5, 6, 3], kernel: 3, channelsOut: 4 },
  { label: '3x3, 1 -> 2 channels (a first layer)', x: [1, 7, 4, 1], kernel: 3, channelsOut: 2 },
  { label: '5x5, 2 -> 3 channels', x: [2, 6, 7, 2], kernel: 5, channelsOut: 3 },
];

/** The cpu backend's own gradient kernels, for dL/dY = `dy` (already masked by any ReLU). */
async function cpuReference(x: tf.Tensor4D, filter: tf.Tensor4D, dy: tf.Tensor4D) {
  const before = tf.getBackend();
  await tf.setBackend('cpu');
  const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] };
  const dFilter = tf.engine().runKernel(
    'Conv2DBackpropFilter',
    { x, dy },
    {
      ...attrs,
      filterShape: filter.shape,
    },
  ) as tf.Tensor;
  const dx = tf.engine().runKernel(
    'Conv2DBackpropInput',
    { dy, filter },
    {
      ...attrs,
      inputShape: x.shape,
    },
  ) as tf.Tensor;
  const result = {
    dFilter: dFilter.dataSync() as Float32Array,
    dx: dx.dataSync() as Float32Array,
    dBias: tf.sum(dy, [0, 1, 2]).dataSync() as Float32Array,
  };
  tf.dispose([dFilter, dx]);
  await tf.setBackend(before);
  return result;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`convLayer gradients on the ${backend} backend`, () => {
    for (const c of cases)
      for (const relu of [false, true])
        test(`${c.label}${relu ? ', ReLU' : ''}: input, filter and bias gradients`, async () => {
          await initBackend({ backend });
          const x = normalTensor(c.x, 1) as tf.Tensor4D;
          const filter = normalTensor(
            [c.kernel, c.kernel, c.x[3]!, c.channelsOut],
            2,
            0.5,
          ) as tf.Tensor4D;
          const bias = normalTensor([c.channelsOut], 3, 0.2) as tf.Tensor1D;
          // A fixed random weighting of the outputs makes every output matter to the loss.
          const weighting = normalTensor([c.x[0]!, c.x[1]!, c.x[2]!, c.channelsOut], 4);
          const loss = ([xi, fi, bi]: tf.Tensor[]): tf.Scalar =>
            weightedSum(
              convLayer(xi as tf.Tensor4D, fi as tf.Tensor4D, bi as tf.Tensor1D, {
                relu,
                inputGradient: true,
              }),
              weighting,
            );
          const grads = tf.grads((xi: tf.Tensor, fi: tf.Tensor, bi: tf.Tensor) =>
            loss([xi, fi, bi]),
          )([x, filter, bias]);
          const [dx, dFilter, dBias] = grads.map((g) => g.dataSync() as Float32Array) as [
            Float32Array,
            Float32Array,
            Float32Array,
          ];

          // Against the cpu backend's kernels, with the ReLU's mask applied to dL/dY.
          const y = convLayer(x, filter, bias, { relu, inputGradient: true });
          const dy = (relu ? tf.mul(weighting, tf.step(y)) : weighting) as tf.Tensor4D;
          const reference = await cpuReference(x, filter, dy);
          assert.ok(
            relativeDifference(dFilter, reference.dFilter) < 1e-5,
            'filter gradient vs cpu kernel',
          );
          assert.ok(relativeDifference(dx, reference.dx) < 1e-5, 'input gradient vs cpu kernel');
          assert.ok(
            relativeDifference(dBias, reference.dBias) < 1e-5,
            'bias gradient vs sum of dL/dY',
          );

          // Against finite differences (the ReLU is piecewise linear: small steps stay on one piece).
          const inputs = [x, filter, bias];
          const epsilon = relu ? 1e-3 : 1e-2;
          const tolerance = relu ? 2e-2 : 2e-3;
          checkAgainstFiniteDifferences(loss, inputs, 0, dx, {
            epsilon,
            tolerance,
            label: 'input',
          });
          checkAgainstFiniteDifferences(loss, inputs, 1, dFilter, {
            epsilon,
            tolerance,
            label: 'filter',
          });
          checkAgainstFiniteDifferences(loss, inputs, 2, dBias, {
            epsilon,
            tolerance,
            label: 'bias',
          });
          tf.dispose([x, filter, bias, weighting, y, dy, ...grads]);
        });

    test('without inputGradient the input gradient is zero and the filter gradient unchanged', async () => {
      await initBackend({ backend });
      const x = normalTensor([1, 4, 5, 2], 5) as tf.Tensor4D;
      const filter = normalTensor([3, 3, 2, 3], 6) as tf.Tensor4D;
      const bias = tf.zeros([3]) as tf.Tensor1D;
      const ones = tf.ones([1, 4, 5, 3]);
      const run = (inputGradient: boolean) =>
        tf.grads((xi: tf.Tensor, fi: tf.Tensor, bi: tf.Tensor) =>
          weightedSum(
            convLayer(xi as tf.Tensor4D, fi as tf.Tensor4D, bi as tf.Tensor1D, {
              relu: true,
              inputGradient,
            }),
            ones,
          ),
        )([x, filter, bias]);
      const [dxOff, dfOff] = run(false);
      const [, dfOn] = run(true);
      assert.ok(
        dxOff!.dataSync().every((v) => v === 0),
        'input gradient is zero',
      );
      assert.deepEqual(Array.from(dfOff!.dataSync()), Array.from(dfOn!.dataSync()));
    });
  });
}
