// `timbrefold train`, `classify` and `models` as a user runs them, in a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { corpusFile, repoRoot } from '../fixtures/paths';
import { classFolder, familyClips, freshFolder } from './fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // The real entry point, so the exit code is the one a user's shell sees.
      [join(repoRoot, 'bin/timbrefold.js'), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, TIMBREFOLD_DEBUG: '' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const models = freshFolder();
const data = classFolder({
  flute: familyClips('flute').slice(0, 3),
  keyboard: familyClips('keyboard').slice(0, 3),
});
const small = [
  '--arch',
  'verma-smith',
  '--epochs',
  '2',
  '--width',
  '0.03125',
  '--crop-seconds',
  '0.5',
  '--backend',
  'wasm',
];

describe('the train, classify and models commands', () => {
  test('train reports JSON progress, then the model with its held-out accuracy', async () => {
    const run = await cli([
      'train',
      '--data',
      data,
      '--out',
      'demo',
      '--models',
      models,
      ...small,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const progress = events.filter((e) => e['event'] === 'progress');
    assert.ok(progress.some((e) => e['phase'] === 'loading'));
    assert.ok(
      progress.some(
        (e) => e['phase'] === 'training' && e['epoch'] === 2 && typeof e['loss'] === 'number',
      ),
    );
    const done = events.at(-1) as {
      event: string;
      manifest: { name: string; accuracy: { heldOutClips: number } };
    };
    assert.equal(done.event, 'done');
    assert.equal(done.manifest.name, 'demo');
    assert.equal(done.manifest.accuracy.heldOutClips, 2);
    assert.ok(existsSync(join(models, 'demo', 'manifest.json')));
  });

  test('classify prints each file’s class and probabilities; --json as an array', async () => {
    const flute = corpusFile(familyClips('flute')[4]!);
    const piano = corpusFile(familyClips('keyboard')[4]!);
    const json = await cli([
      'classify',
      '--model',
      'demo',
      '--models',
      models,
      '--backend',
      'wasm',
      '--json',
      flute,
      piano,
    ]);
    assert.equal(json.code, 0, json.stderr);
    const results = JSON.parse(json.stdout) as {
      file: string;
      class: string;
      probabilities: Record<string, number>;
    }[];
    assert.deepEqual(
      results.map((r) => r.file),
      [flute, piano],
    );
    for (const r of results) {
      assert.ok(['flute', 'keyboard'].includes(r.class));
      assert.deepEqual(Object.keys(r.probabilities).sort(), ['flute', 'keyboard']);
      const sum = Object.values(r.probabilities).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-5, `probabilities sum to ${sum}`);
      const best = Object.entries(r.probabilities).sort(([, a], [, b]) => b - a)[0]![0];
      assert.equal(r.class, best, 'the class is the most probable one');
    }
    const broken = join(freshFolder(), 'broken.wav');
    writeFileSync(broken, 'not a wav');
    const text = await cli([
      'classify',
      '--model',
      'demo',
      '--models',
      models,
      '--backend',
      'wasm',
      flute,
      broken,
    ]);
    assert.equal(text.code, 1, 'a file that cannot be classified fails the command');
    assert.match(
      text.stdout,
      new RegExp(`${familyClips('flute')[4]!}: (flute|keyboard) \\((flute|keyboard) \\d+\\.\\d%`),
    );
    assert.match(text.stdout, /broken\.wav: cannot classify: /);
  });

  test('models list, export, import and delete', async () => {
    const list = await cli(['models', 'list', '--models', models]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^demo: verma-smith classifier of flute, keyboard; /m);
    const file = join(freshFolder(), 'demo.tfmodel');
    assert.equal((await cli(['models', 'export', 'demo', file, '--models', models])).code, 0);
    assert.equal(
      (await cli(['models', 'import', file, '--name', 'copy', '--models', models])).code,
      0,
    );
    const listed = JSON.parse(
      (await cli(['models', 'list', '--json', '--models', models])).stdout,
    ) as {
      name: string;
      shipped: boolean;
    }[];
    assert.deepEqual(
      listed.filter((m) => !m.shipped).map((m) => m.name),
      ['copy', 'demo'],
    );
    assert.ok(
      listed.some((m) => m.shipped && m.name === 'demo-verma-smith'),
      'the shipped models are listed',
    );
    const deleted = await cli(['models', 'delete', 'copy', '--models', models]);
    assert.equal(deleted.code, 0);
    assert.equal(existsSync(join(models, 'copy')), false);
  });

  test('bad input gets one clear sentence and a failing exit code, never a stack trace', async () => {
    const oneClass = classFolder({ flute: familyClips('flute').slice(0, 2) });
    const emptyClass = classFolder({ flute: familyClips('flute').slice(0, 2) });
    mkdirSync(join(emptyClass, 'keyboard'));
    const cases: [string[], number, RegExp][] = [
      [
        ['train', '--data', oneClass, '--out', 'x', '--models', models, ...small],
        1,
        /has only one \(flute\)/,
      ],
      [
        ['train', '--data', emptyClass, '--out', 'x', '--models', models, ...small],
        1,
        /keyboard has no WAV files/,
      ],
      [['train', '--out', 'x', '--arch', 'verma-smith'], 2, /--data DIR/],
      [
        ['train', '--data', data, '--out', 'demo', '--models', models, ...small],
        1,
        /"demo" already exists/,
      ],
      [
        ['train', '--data', data, '--out', '../x', '--models', models, ...small],
        1,
        /cannot be a model name/,
      ],
      [
        [
          'classify',
          '--model',
          'missing',
          '--models',
          models,
          corpusFile(familyClips('flute')[0]!),
        ],
        1,
        /no model called "missing"/,
      ],
      [['models', 'delete', 'missing', '--models', models], 1, /no model called "missing"/],
    ];
    for (const [args, code, message] of cases) {
      const run = await cli(args);
      assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    }
  });
});
