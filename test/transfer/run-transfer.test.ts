import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { TransferRequest } from '../../src/shared/transfer';
import { encodeWav, readWav } from '../../src/main/audio';
import { writeFileAtomic } from '../../src/main/fs/atomic-write';
import { recipePathFor, type Recipe } from '../../src/main/transfer/recipe';
import { runTransfer } from '../../src/main/transfer/run-transfer';
import { corpusFile } from '../fixtures/paths';
import { smallSettings } from './small-settings';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-transfer-'));
const out = (name: string): string => join(workDir, name);

function request(overrides: Partial<TransferRequest> = {}): TransferRequest {
  return {
    method: 'shallow',
    preset: 'default',
    settings: smallSettings,
    content: corpusFile('speech_espeak_en-us.wav'),
    styles: [{ path: corpusFile('string_acoustic_040-062-100.wav'), weight: 1 }],
    output: out('result.wav'),
    backend: 'wasm',
    ...overrides,
  };
}

describe('transfer, end to end on corpus clips', () => {
  test('writes a result of the content length and rate, and a recipe that names everything', async () => {
    const result = await runTransfer(request({ output: out('basic.wav') }));
    const content = await readWav(corpusFile('speech_espeak_en-us.wav'));
    const written = await readWav(out('basic.wav'));
    assert.equal(written.format.sampleRate, content.format.sampleRate);
    assert.equal(written.audio.channels[0]!.length, content.audio.channels[0]!.length);
    assert.equal(written.audio.channels.length, 1);
    assert.ok(
      written.audio.channels[0]!.some((s) => Math.abs(s) > 1e-3),
      'the result is not silent',
    );
    const recipe = JSON.parse(readFileSync(recipePathFor(out('basic.wav')), 'utf8')) as Recipe;
    assert.equal(result.recipe, recipePathFor(out('basic.wav')));
    assert.equal(recipe.settings.filters, 64);
    assert.equal(recipe.seed, 0);
    assert.match(recipe.content.sha256, /^[0-9a-f]{64}$/);
    assert.match(recipe.styles[0]!.sha256, /^[0-9a-f]{64}$/);
    assert.match(recipe.backend, /^wasm/);
    assert.ok(recipe.versions.tfjs && recipe.versions.timbrefold);
    assert.equal(result.iterations, 6);
    for (const phase of ['analysis', 'optimisation', 'reconstruction', 'total'] as const) {
      assert.ok(result.wallSeconds[phase] >= 0, `wall time of ${phase}`);
    }
  });

  test('the same inputs, settings and seed give the same output, sample for sample', async () => {
    await runTransfer(request({ output: out('a.wav') }));
    await runTransfer(request({ output: out('b.wav') }));
    const a = (await readWav(out('a.wav'))).audio.channels[0]!;
    const b = (await readWav(out('b.wav'))).audio.channels[0]!;
    assert.deepEqual(a, b);
    await runTransfer(request({ output: out('c.wav'), settings: { ...smallSettings, seed: 7 } }));
    const c = (await readWav(out('c.wav'))).audio.channels[0]!;
    assert.notDeepEqual(a, c, 'another seed gives another result');
  });

  test('stereo content keeps its two channels per channel and as mid/side', async () => {
    const content = corpusFile('long_piano_melody_44k_stereo.wav');
    for (const channelMode of ['per-channel', 'mid-side'] as const) {
      const path = out(`stereo-${channelMode}.wav`);
      await runTransfer(
        request({
          content,
          output: path,
          region: { start: 1, end: 3 },
          settings: { ...smallSettings, channelMode },
        }),
      );
      const written = await readWav(path);
      assert.equal(written.audio.channels.length, 2, channelMode);
      assert.equal(written.format.sampleRate, 44100, channelMode);
      assert.equal(written.audio.channels[0]!.length, 2 * 44100, channelMode);
      assert.notDeepEqual(
        written.audio.channels[0],
        written.audio.channels[1],
        `${channelMode}: the channels differ`,
      );
    }
  });

  test('a style at another sample rate is resampled, not refused', async () => {
    // The content is 16 kHz; the style is 44.1 kHz stereo.
    const path = out('mixed-rates.wav');
    await runTransfer(
      request({
        output: path,
        styles: [{ path: corpusFile('long_drum_bass_loop_44k_stereo.wav'), weight: 1 }],
      }),
    );
    assert.equal((await readWav(path)).format.sampleRate, 16000);
  });

  test('several styles: a negligible second style changes almost nothing', async () => {
    const violin = { path: corpusFile('string_acoustic_040-062-100.wav'), weight: 1 };
    await runTransfer(request({ output: out('one-style.wav'), styles: [violin] }));
    await runTransfer(
      request({
        output: out('two-styles.wav'),
        styles: [violin, { path: corpusFile('drums_groove_120bpm.wav'), weight: 1e-9 }],
      }),
    );
    await runTransfer(
      request({
        output: out('even-styles.wav'),
        styles: [violin, { path: corpusFile('drums_groove_120bpm.wav'), weight: 1 }],
      }),
    );
    const one = (await readWav(out('one-style.wav'))).audio.channels[0]!;
    const negligible = (await readWav(out('two-styles.wav'))).audio.channels[0]!;
    const even = (await readWav(out('even-styles.wav'))).audio.channels[0]!;
    const distance = (x: Float32Array, y: Float32Array): number => {
      let sum = 0;
      for (let i = 0; i < x.length; i++) sum += (x[i]! - y[i]!) ** 2;
      return Math.sqrt(sum / x.length);
    };
    assert.ok(
      distance(one, negligible) < 0.1 * distance(one, even),
      `negligible style moved the result ${distance(one, negligible)} vs ${distance(one, even)} for an even mix`,
    );
  });
});

describe('transfer refuses bad input clearly and writes nothing', () => {
  const cases: [string, Partial<TransferRequest>, RegExp][] = [
    ['zero filters', { settings: { ...smallSettings, filters: 0 } }, /filters/],
    [
      'a negative style weight',
      { styles: [{ path: corpusFile('string_acoustic_040-062-100.wav'), weight: -1 }] },
      /weight/i,
    ],
    [
      'n_fft not a power of two',
      { settings: { ...smallSettings, nFft: 1000 } },
      /nFft must be a power of two/,
    ],
    [
      'a missing style file',
      { styles: [{ path: join(workDir, 'missing.wav'), weight: 1 }] },
      /missing\.wav/,
    ],
    ['an unknown preset', { preset: 'loud' as never }, /Unknown preset "loud"/],
  ];
  for (const [name, overrides, message] of cases) {
    test(name, async () => {
      const path = out(`refused-${name.replace(/\W+/g, '-')}.wav`);
      await assert.rejects(
        runTransfer(request({ ...overrides, output: path })),
        (error: Error & { userFacing?: boolean }) => {
          assert.match(error.message, message);
          assert.equal(error.userFacing, true, `${error.name}: ${error.message}`);
          return true;
        },
      );
      assert.equal(existsSync(path), false, 'nothing is written under the output name');
    });
  }

  test('a silent style clip', async () => {
    const silent = out('silent.wav');
    await writeFileAtomic(
      silent,
      encodeWav(
        { sampleRate: 16000, channels: [new Float32Array(16000)] },
        { sampleFormat: 'pcm16' },
      ),
    );
    await assert.rejects(
      runTransfer(request({ styles: [{ path: silent, weight: 1 }], output: out('x.wav') })),
      /silent/,
    );
  });

  test('a clip shorter than the kernel', async () => {
    const tiny = out('tiny.wav');
    await writeFileAtomic(
      tiny,
      encodeWav(
        { sampleRate: 16000, channels: [new Float32Array(300).fill(0.1)] },
        { sampleFormat: 'pcm16' },
      ),
    );
    await assert.rejects(runTransfer(request({ content: tiny, output: out('y.wav') })), /kernel/i);
    assert.equal(existsSync(out('y.wav')), false);
  });
});

describe('a region of the content', () => {
  test('is cut with short fades, so the result neither starts nor ends with a click', async () => {
    const path = out('region.wav');
    // 1.0 s to 2.5 s of the drum groove cuts through sound at both ends.
    await runTransfer(
      request({
        content: corpusFile('drums_groove_120bpm.wav'),
        output: path,
        region: { start: 1.0, end: 2.5 },
      }),
    );
    const samples = (await readWav(path)).audio.channels[0]!;
    assert.equal(samples.length, 1.5 * 16000);
    const edge = (from: number, to: number): number =>
      Math.max(...Array.from(samples.subarray(from, to), Math.abs));
    assert.ok(
      edge(0, 3) < 0.01 && edge(samples.length - 3, samples.length) < 0.01,
      'the first and last samples are faded to near silence',
    );
    assert.ok(edge(0, samples.length) > 0.05, 'the sound between the fades is kept');
  });
});
