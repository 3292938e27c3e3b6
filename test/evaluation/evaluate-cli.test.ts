// `timbrefold evaluate metrics|consistency` as a user runs them, on corpus clips.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeWav } from '../../src/main/audio';
import {
  contentCorrelation,
  envelope,
  logSpectrogram,
  styleGain,
  timbreProfile,
} from '../../src/main/evaluation/quality-metrics';
import { runCli } from '../cli/run-cli';
import { loadCorpusMono } from '../fixtures/corpus-audio';
import { corpusFile } from '../fixtures/paths';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-cli-evaluate-'));
const flute = corpusFile('flute_acoustic_073-072-100.wav');
const keyboard = corpusFile('keyboard_acoustic_000-069-127.wav');
const keyboard2 = corpusFile('keyboard_acoustic_000-045-112.wav');
const violin = corpusFile('string_acoustic_040-069-080.wav');
const pianoMelody = corpusFile('long_piano_melody_44k_stereo.wav');

interface Row {
  file: string;
  styleGain: number;
  contentCorrelation: number;
  sampleRate: number;
  durationSeconds: number;
  analysisRate: number;
  error?: string;
}

const rowsOf = (stdout: string): Row[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);

/** A user's mistake: one sentence on stderr, no stack trace. */
function assertOneSentence(stderr: string): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, /^timbrefold: \S.+[.)]$/);
  assert.doesNotMatch(stderr, /\bat .+:\d+:\d+/, 'no stack trace');
}

describe('timbrefold evaluate metrics', () => {
  test('--json: one row per result; the style itself scores 1, the content 0 with correlation 1', async () => {
    const run = await runCli([
      'evaluate',
      'metrics',
      '--content',
      flute,
      '--style',
      keyboard,
      keyboard,
      flute,
      violin,
      pianoMelody,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const [asStyle, asContent, other, stereo] = rowsOf(run.stdout) as [Row, Row, Row, Row];
    assert.equal(rowsOf(run.stdout).length, 4);
    assert.equal(asStyle.file, keyboard);
    assert.ok(Math.abs(asStyle.styleGain - 1) < 1e-9, `style as result: gain ${asStyle.styleGain}`);
    assert.equal(asContent.styleGain, 0);
    assert.equal(asContent.contentCorrelation, 1);
    for (const row of [asStyle, asContent, other, stereo]) {
      assert.equal(row.analysisRate, 16000);
      assert.ok(Number.isFinite(row.styleGain) && Number.isFinite(row.contentCorrelation));
      assert.ok(row.contentCorrelation >= -1 && row.contentCorrelation <= 1);
    }
    assert.equal(other.sampleRate, 16000);
    assert.equal(other.durationSeconds, 4);
    // A 44.1 kHz stereo file among 16 kHz mono ones: mixed, resampled, measured.
    assert.equal(stereo.sampleRate, 44100);
    assert.equal(stereo.durationSeconds, 12);
  });

  test('several --style clips: the gain is measured against the mean of their profiles', async () => {
    const run = await runCli([
      'evaluate',
      'metrics',
      '--content',
      flute,
      '--style',
      keyboard,
      '--style',
      keyboard2,
      violin,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const [row] = rowsOf(run.stdout) as [Row];
    const spec = (name: string) => logSpectrogram(loadCorpusMono(name).samples);
    const content = spec('flute_acoustic_073-072-100.wav');
    const result = spec('string_acoustic_040-069-080.wav');
    const styles = ['keyboard_acoustic_000-069-127.wav', 'keyboard_acoustic_000-045-112.wav'].map(
      (name) => timbreProfile(spec(name)),
    );
    const expected = styleGain(timbreProfile(content), styles, timbreProfile(result));
    assert.ok(Math.abs(row.styleGain - expected) < 1e-9, `gain ${row.styleGain}, ${expected}`);
    assert.ok(
      Math.abs(styleGain(timbreProfile(content), styles[0]!, timbreProfile(result)) - expected) >
        1e-3,
      'the second style changed nothing: the test cannot tell one style from two',
    );
    const correlation = contentCorrelation(envelope(content), envelope(result));
    assert.ok(Math.abs(row.contentCorrelation - correlation) < 1e-9);
  });

  test('without --json: a table naming the inputs, a line per result', async () => {
    const run = await runCli([
      'evaluate',
      'metrics',
      '--content',
      flute,
      '--style',
      keyboard,
      keyboard,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^content: .*flute_acoustic_073-072-100\.wav \(16000 Hz, 4\.00 s\)$/m);
    assert.match(
      run.stdout,
      /^style: +.*keyboard_acoustic_000-069-127\.wav \(16000 Hz, 4\.00 s\)$/m,
    );
    assert.match(run.stdout, /^result +style gain +content corr\. +rate +duration$/m);
    assert.match(
      run.stdout,
      /keyboard_acoustic_000-069-127\.wav +1\.000 +-?\d\.\d{3} +16000 Hz +4\.00 s$/m,
    );
  });

  test('no --style is a usage mistake (exit 2); a content equal to the style is refused (exit 1)', async () => {
    const noStyle = await runCli(['evaluate', 'metrics', '--content', flute, keyboard]);
    assert.equal(noStyle.code, 2);
    assertOneSentence(noStyle.stderr);
    assert.match(noStyle.stderr, /--style/);
    const same = await runCli([
      'evaluate',
      'metrics',
      '--content',
      flute,
      '--style',
      flute,
      keyboard,
    ]);
    assert.equal(same.code, 1);
    assertOneSentence(same.stderr);
    assert.match(same.stderr, /same timbre profile, so the style gain is undefined/);
    assert.equal(same.stdout, '');
  });

  test('a silent content is refused; a silent or missing result gets its error, the others are measured', async () => {
    const silent = join(workDir, 'silent.wav');
    await writeWav(
      silent,
      { sampleRate: 16000, channels: [new Float32Array(16000)] },
      {
        sampleFormat: 'pcm16',
      },
    );
    const silentContent = await runCli([
      'evaluate',
      'metrics',
      '--content',
      silent,
      '--style',
      keyboard,
      keyboard,
    ]);
    assert.equal(silentContent.code, 1);
    assertOneSentence(silentContent.stderr);
    assert.match(silentContent.stderr, /silent\.wav is silent/);

    const missing = join(workDir, 'missing.wav');
    const run = await runCli([
      'evaluate',
      'metrics',
      '--content',
      flute,
      '--style',
      keyboard,
      silent,
      missing,
      keyboard,
      '--json',
    ]);
    assert.equal(run.code, 1);
    assertOneSentence(run.stderr);
    assert.match(run.stderr, /2 of 3 results could not be measured/);
    const [silentRow, missingRow, measured] = rowsOf(run.stdout) as [Row, Row, Row];
    assert.match(silentRow.error ?? '', /^silent\.wav is silent/);
    assert.match(missingRow.error ?? '', /^missing\.wav was not found/);
    assert.ok(Math.abs(measured.styleGain - 1) < 1e-9);
  });
});

describe('timbrefold evaluate consistency', () => {
  const models = mkdtempSync(join(tmpdir(), 'timbrefold-evaluate-models-'));
  const flutes = [
    'flute_acoustic_073-060-127.wav',
    'flute_acoustic_073-072-100.wav',
    'flute_acoustic_073-086-112.wav',
  ].map(corpusFile);

  test('counts the clips per class of a shipped classifier, as classify classes them', async () => {
    const files = [...flutes, keyboard];
    const run = await runCli([
      'evaluate',
      'consistency',
      '--model',
      'demo-verma-smith',
      '--models',
      models,
      ...files,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as {
      model: string;
      files: number;
      classified: number;
      counts: Record<string, number>;
      failed: unknown[];
    };
    assert.equal(summary.model, 'demo-verma-smith');
    assert.equal(summary.files, 4);
    assert.equal(summary.classified, 4);
    assert.deepEqual(Object.keys(summary.counts), ['flute', 'keyboard']);
    assert.deepEqual(summary.failed, []);

    const classify = await runCli([
      'classify',
      '--model',
      'demo-verma-smith',
      '--models',
      models,
      ...files,
      '--json',
    ]);
    assert.equal(classify.code, 0, classify.stderr);
    const expected: Record<string, number> = { flute: 0, keyboard: 0 };
    for (const r of JSON.parse(classify.stdout) as { class: string }[]) expected[r.class]! += 1;
    assert.deepEqual(summary.counts, expected);
  });

  test('a file that cannot be read is listed, the command fails after the count; an unknown model is refused', async () => {
    const missing = join(workDir, 'gone.wav');
    const run = await runCli([
      'evaluate',
      'consistency',
      '--model',
      'demo-verma-smith',
      '--models',
      models,
      flutes[0]!,
      missing,
    ]);
    assert.equal(run.code, 1);
    assertOneSentence(run.stderr);
    assert.match(run.stderr, /1 of 2 files could not be classified/);
    assert.match(run.stdout, /^demo-verma-smith classed 1 of 2 files:$/m);
    assert.match(run.stdout, /gone\.wav: cannot classify: gone\.wav was not found/);

    const unknown = await runCli([
      'evaluate',
      'consistency',
      '--model',
      'no-such-model',
      '--models',
      models,
      flutes[0]!,
    ]);
    assert.equal(unknown.code, 1);
    assertOneSentence(unknown.stderr);
    assert.match(unknown.stderr, /no-such-model/);
  });
});
