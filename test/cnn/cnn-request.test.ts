import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cnnRequestFromFlags, parseStyleLayers } from '../../src/main/engine/cnn/cnn-request';
import { resolveCnnSettings } from '../../src/main/engine/cnn/cnn-settings';
import { ParameterError } from '../../src/shared/user-error';

const base = {
  content: 'c.wav',
  styles: ['s.wav'],
  styleWeights: [],
  output: 'o.wav',
  backend: 'wasm' as const,
};

describe('the cnn transfer request and its settings', () => {
  test('flags become a request: overrides only where given, layers with their weights', () => {
    const request = cnnRequestFromFlags({
      ...base,
      preset: 'audio-vgg',
      model: 'mine',
      styleLayers: 'relu1_2:0.5, relu2_2',
      energyWeight: 0.1,
      iterations: 7,
      nFft: 2048,
    });
    assert.equal(request.method, 'cnn');
    assert.equal(request.preset, 'audio-vgg');
    assert.equal(request.model, 'mine');
    assert.deepEqual(request.settings, {
      styleLayers: ['relu1_2', 'relu2_2'],
      styleLayerWeights: [0.5, 1],
      energyWeight: 0.1,
      iterations: 7,
    });
    assert.deepEqual(request.analysis, { nFft: 2048 });
    assert.deepEqual(request.styles, [{ path: 's.wav', weight: 1 }]);
    assert.deepEqual(parseStyleLayers('relu3'), { layers: ['relu3'], weights: [1] });
  });

  test('the audio-vgg preset is seed 000’s: relu3_3 content, four style layers, envelopes at 1e-2', () => {
    const s = resolveCnnSettings({ preset: 'audio-vgg', settings: {} });
    assert.equal(s.contentLayer, 'relu3_3');
    assert.deepEqual(s.styleLayers, ['relu1_2', 'relu2_2', 'relu3_3', 'relu4_3']);
    assert.equal(s.energyWeight, 1e-2);
    assert.equal(s.frequencyWeight, 1e-2);
    assert.equal(s.start, 'noise');
    const custom = resolveCnnSettings({
      preset: 'audio-vgg',
      settings: { styleLayers: ['relu2_1', 'relu3_1'] },
    });
    assert.deepEqual(custom.styleLayerWeights, [1, 1], 'new layers without weights weigh the same');
  });

  test('bad values name the option or setting', () => {
    const bad: [() => unknown, RegExp][] = [
      [
        () => cnnRequestFromFlags({ ...base, preset: 'default' }),
        /presets are audio-vgg and verma-smith, not "default"/,
      ],
      [() => cnnRequestFromFlags({ ...base, styleLayers: 'relu1:-2' }), /--style-layers takes/],
      [
        () => cnnRequestFromFlags({ ...base, styleWeights: [1, 2] }),
        /2 --style-weight values for 1 --style/,
      ],
      [
        () => resolveCnnSettings({ preset: 'verma-smith', settings: { energyWeight: -1 } }),
        /energyWeight must be/,
      ],
      [
        () => resolveCnnSettings({ preset: 'verma-smith', settings: { styleLayerWeights: [1] } }),
        /one weight .* per style layer/,
      ],
      [
        () =>
          resolveCnnSettings({
            preset: 'verma-smith',
            settings: { contentWeight: 0, styleWeight: 0, energyWeight: 0, frequencyWeight: 0 },
          }),
        /nothing to optimise/,
      ],
      [
        () => resolveCnnSettings({ preset: 'verma-smith', settings: { nonsense: 1 } as never }),
        /no setting called "nonsense"/,
      ],
    ];
    for (const [make, message] of bad)
      assert.throws(
        make,
        (error: unknown) => error instanceof ParameterError && message.test(error.message),
      );
  });
});
