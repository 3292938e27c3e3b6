// The trained-CNN method's request from the command line's flags (derived from its parameter
// declarations) and its settings: presets, overrides, and a sentence naming each bad value.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Command } from 'commander';
import { registerTransferCommand, transferRequestOf } from '../../src/main/cli/transfer-command';
import { cnnMethod } from '../../src/main/methods/cnn/cnn-method';
import { resolveSettings } from '../../src/main/methods/resolve-settings';
import type { TransferRequest } from '../../src/shared/transfer';
import { ParameterError } from '../../src/shared/user-error';

/** The request `timbrefold transfer ARGS` stands for, parsed by the real command's options. */
function requestOf(args: string[]): TransferRequest {
  const program = new Command().exitOverride();
  registerTransferCommand(program);
  let request: TransferRequest | undefined;
  program.commands[0]!.action((flags: Parameters<typeof transferRequestOf>[0]) => {
    request = transferRequestOf(flags);
  });
  program.parse(['transfer', '--content', 'c.wav', '--style', 's.wav', '--out', 'o.wav', ...args], {
    from: 'user',
  });
  return request!;
}

const cnnSettings = (overrides: Record<string, unknown>) =>
  resolveSettings(cnnMethod, 'verma-smith', overrides as never);

describe('the cnn transfer request and its settings', () => {
  test('flags become a request: overrides only where given, layers with their weights', () => {
    const request = requestOf([
      '--method',
      'cnn',
      '--preset',
      'audio-vgg',
      '--model',
      'mine',
      '--style-layers',
      'relu1_2:0.5, relu2_2',
      '--energy-weight',
      '0.1',
      '--iterations',
      '7',
      '--n-fft',
      '2048',
    ]);
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
    assert.equal(requestOf(['--method', 'cnn']).preset, undefined, "the model's own preset");
  });

  test('the audio-vgg preset is seed 000’s: relu3_3 content, four style layers, envelopes at 1e-2', () => {
    const s = resolveSettings(cnnMethod, 'audio-vgg', {});
    assert.equal(s.contentLayer, 'relu3_3');
    assert.deepEqual(s.styleLayers, ['relu1_2', 'relu2_2', 'relu3_3', 'relu4_3']);
    assert.equal(s.energyWeight, 1e-2);
    assert.equal(s.frequencyWeight, 1e-2);
    assert.equal(s.start, 'noise');
    const custom = resolveSettings(cnnMethod, 'audio-vgg', { styleLayers: ['relu2_1', 'relu3_1'] });
    assert.deepEqual(custom.styleLayerWeights, [1, 1], 'new layers without weights weigh the same');
  });

  test('bad values name the option or setting', () => {
    const bad: [() => unknown, RegExp][] = [
      [
        () => requestOf(['--method', 'cnn', '--preset', 'default']),
        /presets are verma-smith and audio-vgg, not "default"/,
      ],
      [() => requestOf(['--method', 'cnn', '--style-layers', 'relu1:-2']), /--style-layers takes/],
      [
        () => requestOf(['--method', 'cnn', '--style-weight', '1', '--style-weight', '2']),
        /2 --style-weight values for 1 --style/,
      ],
      [
        () => requestOf(['--method', 'cnn', '--filters', '8']),
        /--filters is a setting of the shallow method, not of cnn/,
      ],
      [() => cnnSettings({ energyWeight: -1 }), /energyWeight must be/],
      [() => cnnSettings({ styleLayerWeights: [1] }), /one weight .* per style layer/],
      [
        () =>
          cnnSettings({ contentWeight: 0, styleWeight: 0, energyWeight: 0, frequencyWeight: 0 }),
        /nothing to optimise/,
      ],
      [() => cnnSettings({ nonsense: 1 }), /no setting called "nonsense"/],
    ];
    for (const [make, message] of bad)
      assert.throws(
        make,
        (error: unknown) => error instanceof ParameterError && message.test(error.message),
        String(message),
      );
  });
});
