// A parameter is declared once, and every door a value comes in by applies that one declaration:
// the method's own check (resolveSettings), the IPC schema of transfer:start, the command line's
// flag and the panel's description. For every declared number of every method, the values at the
// ends of its range pass all three doors and the values just outside fail all three.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Command } from 'commander';
import { registerTransferCommand, transferRequestOf } from '../../src/main/cli/transfer-command';
import { parseArguments } from '../../src/main/ipc/schemas';
import { transferMethods } from '../../src/main/ipc/transfer-methods';
import { METHODS, type AnyMethod } from '../../src/main/methods/registry';
import { resolveSettings } from '../../src/main/methods/resolve-settings';
import { flagOf, type ParameterDeclaration } from '../../src/shared/parameters';

/**
 * Settings a value needs beside it to pass the rules across settings (hop at most nFft / 2):
 * the same companions at every door, so only the value's own range is tested.
 */
function companions(name: string, value: unknown): Record<string, number> {
  if (name === 'nFft') return { hop: Math.max(1, Number(value) / 4) };
  if (name === 'hop') return { nFft: 8192 };
  return {};
}

/** Does the method's own check accept this value (over its first preset)? */
function methodAccepts(method: AnyMethod, name: string, value: unknown): boolean {
  try {
    resolveSettings(method, undefined, { ...companions(name, value), [name]: value } as never);
    return true;
  } catch {
    return false;
  }
}

/** Does the transfer:start schema accept it? */
function ipcAccepts(method: AnyMethod, name: string, value: unknown): boolean {
  try {
    parseArguments('transfer:start', [
      {
        method: method.name,
        preset: method.presets[0]!.name,
        contentTrackId: 'track-1',
        styles: method.styleFrom === 'model' ? [] : [{ trackId: 'track-2', weight: 1 }],
        settings: { ...companions(name, value), [name]: value },
        region: null,
      },
    ]);
    return true;
  } catch {
    return false;
  }
}

/** Does the command line accept it, and hand it on unchanged? */
function cliAccepts(method: AnyMethod, d: ParameterDeclaration, value: number): boolean {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  registerTransferCommand(program);
  let settings: Record<string, unknown> | undefined;
  program.commands[0]!.action((flags: Parameters<typeof transferRequestOf>[0]) => {
    settings = transferRequestOf(flags).settings;
  });
  try {
    program.parse(
      [
        'transfer',
        '--method',
        method.name,
        `--${flagOf(d)}`,
        String(value),
        '--content',
        'c.wav',
        // A method whose model holds the style takes none from the command line.
        ...(method.styleFrom === 'model' ? ['--model', 'some-model'] : ['--style', 's.wav']),
      ],
      { from: 'user' },
    );
  } catch {
    return false;
  }
  assert.equal(settings?.[d.name], value, `--${flagOf(d)} reaches the request as ${d.name}`);
  return true;
}

describe('parameter declarations', () => {
  for (const method of METHODS)
    test(`${method.name}: every preset passes its declarations`, () => {
      for (const preset of method.presets)
        assert.doesNotThrow(() => resolveSettings(method, preset.name, {}), preset.name);
    });

  for (const method of METHODS)
    for (const d of method.parameters) {
      if (d.kind !== 'number' && d.kind !== 'integer') continue;
      test(`${method.name}.${d.name}: one range at every door`, () => {
        // Within range, also for the other settings' cross checks: both weights 0 is refused.
        const inside = [d.kind === 'number' && d.minExclusive ? d.min + 1e-6 : d.min, d.max].filter(
          (v) => !(d.name.endsWith('Weight') && v === 0),
        );
        const below = d.kind === 'integer' ? d.min - 1 : d.minExclusive ? d.min : d.min - 1e-3;
        const above = d.kind === 'integer' ? d.max + 1 : d.max * 1.01 + 1e-3;
        const flag = flagOf(d) !== undefined;
        for (const value of inside) {
          if (d.kind === 'integer' && d.powerOfTwo && (value & (value - 1)) !== 0) continue;
          assert.ok(methodAccepts(method, d.name, value), `the method refuses ${value}`);
          assert.ok(ipcAccepts(method, d.name, value), `the IPC schema refuses ${value}`);
          if (flag) assert.ok(cliAccepts(method, d, value), `--${flagOf(d)} refuses ${value}`);
        }
        for (const value of [below, above]) {
          assert.ok(!methodAccepts(method, d.name, value), `the method accepts ${value}`);
          assert.ok(!ipcAccepts(method, d.name, value), `the IPC schema accepts ${value}`);
          if (flag) assert.ok(!cliAccepts(method, d, value), `--${flagOf(d)} accepts ${value}`);
        }
      });
    }

  test('the panel gets every declaration and each preset’s full settings', () => {
    const infos = transferMethods();
    assert.deepEqual(
      infos.map((i) => i.method),
      METHODS.map((m) => m.name),
    );
    for (const [i, method] of METHODS.entries()) {
      const info = infos[i]!;
      assert.deepEqual(info.parameters, [...method.parameters]);
      for (const preset of info.presets)
        assert.deepEqual(
          Object.keys(preset.settings).sort(),
          method.parameters.map((d) => d.name).sort(),
          `${method.name}/${preset.name} names every setting`,
        );
    }
  });

  test('a setting of another method is refused by that method and by the IPC schema', () => {
    const [shallow, cnn] = [METHODS[0]!, METHODS[1]!];
    assert.ok(!methodAccepts(cnn, 'filters', 64));
    assert.ok(!ipcAccepts(cnn, 'filters', 64));
    assert.ok(methodAccepts(shallow, 'filters', 64));
  });
});
