// Absurd parameters and inputs get a clear EngineParameterError naming the parameter and the
// value, before any tensor is made.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import {
  EngineParameterError,
  initBackend,
  type LogSpectrogram,
  type StyleInput,
} from '../../src/main/engine';
import {
  PRESETS,
  resolveTransferParams,
  shallowTransfer,
  type TransferParamsInput,
} from '../../src/main/methods/shallow';
import { smallClips } from './problems';

const { content, styles } = smallClips();
const style: StyleInput[] = [{ spectrogram: styles[0]! }];

function withValue(spec: LogSpectrogram, index: number, value: number): LogSpectrogram {
  const data = Float32Array.from(spec.data);
  data[index] = value;
  return { ...spec, data };
}

interface Case {
  name: string;
  parameter: string;
  /** A fragment the message must contain (the value, as the user typed it). */
  mentions: string;
  params?: TransferParamsInput;
  content?: LogSpectrogram;
  styles?: StyleInput[];
}

const CASES: Case[] = [
  { name: 'zero filters', parameter: 'filters', mentions: '0', params: { filters: 0 } },
  { name: 'fractional filters', parameter: 'filters', mentions: '1.5', params: { filters: 1.5 } },
  {
    name: 'a finite network too large for memory (the kernel form draws no filters)',
    parameter: 'filters',
    mentions: 'MiB',
    params: { network: 'finite', filters: 16384, kernelWidth: 40 },
    content: { frames: 50, bins: 1025, data: new Float32Array(50 * 1025) },
    styles: [],
  },
  {
    name: 'zero kernel width',
    parameter: 'kernelWidth',
    mentions: '0',
    params: { kernelWidth: 0 },
  },
  {
    name: 'a kernel wider than the content',
    parameter: 'kernelWidth',
    mentions: '41',
    params: { kernelWidth: 41, filters: 8 },
  },
  {
    name: 'a kernel wider than a style clip',
    parameter: 'kernelWidth',
    mentions: '37',
    params: { kernelWidth: 37, filters: 8 },
  },
  {
    name: 'a negative content weight',
    parameter: 'contentWeight',
    mentions: '-1',
    params: { contentWeight: -1 },
  },
  {
    name: 'a NaN style weight',
    parameter: 'styleWeight',
    mentions: 'NaN',
    params: { styleWeight: NaN },
  },
  {
    name: 'both weights zero',
    parameter: 'styleWeight',
    mentions: 'both 0',
    params: { contentWeight: 0, styleWeight: 0 },
  },
  {
    name: 'a negative noise sigma',
    parameter: 'noiseSigma',
    mentions: '-0.1',
    params: { noiseSigma: -0.1 },
  },
  {
    name: 'negative iterations',
    parameter: 'iterations',
    mentions: '-3',
    params: { iterations: -3 },
  },
  {
    name: 'a zero L-BFGS memory',
    parameter: 'lbfgsMemory',
    mentions: '0',
    params: { lbfgsMemory: 0 },
  },
  {
    name: 'a zero learning rate',
    parameter: 'learningRate',
    mentions: '0',
    params: { learningRate: 0 },
  },
  { name: 'a negative seed', parameter: 'seed', mentions: '-1', params: { seed: -1 } },
  {
    name: 'an unknown optimiser',
    parameter: 'optimiser',
    mentions: 'sgd',
    params: { optimiser: 'sgd' as 'adam' },
  },
  {
    name: 'an unknown start',
    parameter: 'start',
    mentions: 'zeros',
    params: { start: 'zeros' as 'noise' },
  },
  {
    name: 'an unknown preset',
    parameter: 'preset',
    mentions: 'gatys',
    params: { preset: 'gatys' as 'default' },
  },
  {
    name: 'NaN in the content',
    parameter: 'content.data',
    mentions: 'frame 3, bin 7',
    content: withValue(content, 3 * 65 + 7, NaN),
  },
  {
    name: 'Infinity in a style clip',
    parameter: 'styles[0].data',
    mentions: 'Infinity',
    styles: [{ spectrogram: withValue(styles[0]!, 100, Infinity) }],
  },
  {
    name: 'style bins that do not match the content',
    parameter: 'styles[0].bins',
    mentions: '33 bins',
    styles: [{ spectrogram: { frames: 40, bins: 33, data: new Float32Array(40 * 33) } }],
  },
  {
    name: 'data shorter than frames x bins',
    parameter: 'content.data',
    mentions: '2600',
    content: { frames: 40, bins: 65, data: new Float32Array(100) },
  },
  { name: 'no style clip', parameter: 'styles', mentions: 'No style clip', styles: [] },
  {
    name: 'a negative style weight',
    parameter: 'styles[1].weight',
    mentions: '-2',
    styles: [{ spectrogram: styles[0]! }, { spectrogram: styles[1]!, weight: -2 }],
  },
  {
    name: 'style weights that add up to zero',
    parameter: 'styles[0].weight',
    mentions: 'add up to 0',
    styles: [{ spectrogram: styles[0]!, weight: 0 }],
  },
];

describe('parameter and input validation', () => {
  for (const c of CASES)
    test(`${c.name} is refused with EngineParameterError(${c.parameter})`, async () => {
      await initBackend({ backend: 'cpu' });
      const before = tf.memory().numTensors;
      await assert.rejects(
        shallowTransfer(c.content ?? content, c.styles ?? style, {
          filters: 16,
          iterations: 2,
          ...c.params,
        }),
        (error: unknown) => {
          assert.ok(error instanceof EngineParameterError, `got ${String(error)}`);
          assert.equal(error.parameter, c.parameter);
          assert.equal(error.userFacing, true);
          assert.ok(error.message.includes(c.mentions), `message "${error.message}"`);
          assert.ok(!error.message.includes('\n'), 'the message is one line');
          return true;
        },
      );
      assert.equal(tf.memory().numTensors, before, 'tensors were made before the check');
    });

  test('the ulyanov preset is exactly the peer settings', () => {
    assert.deepEqual(
      {
        filters: PRESETS.ulyanov.filters,
        kernelWidth: PRESETS.ulyanov.kernelWidth,
        contentWeight: PRESETS.ulyanov.contentWeight,
        styleWeight: PRESETS.ulyanov.styleWeight,
        start: PRESETS.ulyanov.start,
        noiseSigma: PRESETS.ulyanov.noiseSigma,
        optimiser: PRESETS.ulyanov.optimiser,
        iterations: PRESETS.ulyanov.iterations,
        lbfgsMemory: PRESETS.ulyanov.lbfgsMemory,
      },
      {
        filters: 4096,
        kernelWidth: 11,
        contentWeight: 1e-2,
        styleWeight: 1,
        start: 'noise',
        noiseSigma: 1e-3,
        optimiser: 'lbfgs',
        iterations: 300,
        lbfgsMemory: 10,
      },
    );
    const tuned = resolveTransferParams({ preset: 'ulyanov', filters: 512 });
    assert.equal(tuned.filters, 512);
    assert.equal(tuned.iterations, 300);
  });
});
