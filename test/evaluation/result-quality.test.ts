// A whole transfer's metrics: from signals (result-quality.ts) and from files, with mono mixes and
// every file resampled to the content's rate first (quality-files.ts).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeWav, type PcmAudio } from '../../src/main/audio';
import { EvaluationError } from '../../src/main/evaluation/errors';
import { evaluateResultFiles, loadMonoClip } from '../../src/main/evaluation/quality-files';
import { measureResult, qualityReference } from '../../src/main/evaluation/result-quality';
import { testSignal } from './reference';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-evaluation-'));

/**
 * One second of a plucked tone (a decaying envelope the correlation can follow), the same sound
 * at any rate: no noise, whose samples would differ from one rate to another.
 */
const pluck = (rate: number, partials: { hz: number; gain: number }[]) =>
  testSignal(rate, rate, partials, 1, 0);
const contentPartials = [
  { hz: 440, gain: 0.5 },
  { hz: 880, gain: 0.1 },
];
const stylePartials = [
  { hz: 220, gain: 0.2 },
  { hz: 660, gain: 0.3 },
  { hz: 1980, gain: 0.2 },
  { hz: 4400, gain: 0.1 },
];

async function wav(name: string, audio: PcmAudio): Promise<string> {
  const path = join(workDir, name);
  await writeWav(path, audio, { sampleFormat: 'float32' });
  return path;
}

const content = { label: 'content.wav', samples: pluck(16000, contentPartials) };
const style = { label: 'style.wav', samples: pluck(16000, stylePartials) };

describe('the metrics of a result', () => {
  test('the content as its own result: gain 0, correlation 1; the style as result: gain 1', () => {
    const reference = qualityReference(content, [style]);
    assert.deepEqual(measureResult(reference, content), { styleGain: 0, contentCorrelation: 1 });
    assert.equal(measureResult(reference, style).styleGain, 1);
  });

  test('a silent content, style or result is refused with its name', () => {
    const silent = { label: 'silence.wav', samples: new Float32Array(16000) };
    const refuses = (fn: () => unknown) =>
      assert.throws(fn, (error: unknown) => {
        assert.ok(error instanceof EvaluationError);
        assert.equal(error.code, 'SILENT');
        assert.match(error.message, /^silence\.wav is silent/);
        return true;
      });
    refuses(() => qualityReference(silent, [style]));
    refuses(() => qualityReference(content, [style, silent]));
    refuses(() => measureResult(qualityReference(content, [style]), silent));
  });

  test('a content equal to the style is refused before any result is measured', () => {
    assert.throws(
      () => qualityReference(content, [{ label: 'copy.wav', samples: content.samples.slice() }]),
      (error: unknown) => error instanceof EvaluationError && error.code === 'CONTENT_IS_STYLE',
    );
  });
});

describe('the metrics of files', () => {
  test('every file is resampled to the content’s rate first: the same sound at 44.1 kHz scores as the content', async () => {
    // The same continuous sound sampled at two rates; all partials far below 8 kHz.
    const contentPath = await wav('content-16k.wav', {
      sampleRate: 16000,
      channels: [pluck(16000, contentPartials)],
    });
    const stylePath = await wav('style-22k.wav', {
      sampleRate: 22050,
      channels: [pluck(22050, stylePartials)],
    });
    const at44k = pluck(44100, contentPartials);
    const resultPath = await wav('result-44k.wav', { sampleRate: 44100, channels: [at44k] });
    const report = await evaluateResultFiles({
      content: contentPath,
      styles: [stylePath],
      results: [resultPath],
    });
    const row = report.rows[0]!;
    assert.ok(!('error' in row), JSON.stringify(row));
    assert.equal(row.sampleRate, 44100);
    assert.equal(row.analysisRate, 16000);
    assert.ok(Math.abs(row.durationSeconds - 1) < 1e-9);
    assert.ok(Math.abs(row.styleGain) < 1e-4, `gain ${row.styleGain}, expected about 0`);
    assert.ok(row.contentCorrelation > 0.99999, `correlation ${row.contentCorrelation}`);
    // Without the resampling, the 44.1 kHz samples read as 16 kHz are a higher, slower sound.
    const unresampled = measureResult(
      qualityReference({ label: 'c', samples: pluck(16000, contentPartials) }, [
        { label: 's', samples: (await loadMonoClip(stylePath, 16000)).samples },
      ]),
      { label: 'r', samples: at44k },
    );
    assert.ok(Math.abs(unresampled.styleGain) > 1e-3, `gain ${unresampled.styleGain}`);
    assert.ok(
      unresampled.contentCorrelation < 0.999,
      `correlation ${unresampled.contentCorrelation}`,
    );
  });

  test('stereo files are measured as their mono mix', async () => {
    const left = pluck(16000, contentPartials);
    const right = pluck(16000, stylePartials);
    const stereoPath = await wav('stereo.wav', { sampleRate: 16000, channels: [left, right] });
    const loaded = await loadMonoClip(stereoPath);
    assert.equal(loaded.channels, 2);
    assert.equal(loaded.label, 'stereo.wav');
    for (const i of [0, 123, 4567, 15999])
      assert.ok(Math.abs(loaded.samples[i]! - (left[i]! + right[i]!) / 2) < 1e-7, `sample ${i}`);
  });

  test('a result that cannot be measured gets its error in its row; the others are measured', async () => {
    const contentPath = await wav('content.wav', {
      sampleRate: 16000,
      channels: [content.samples],
    });
    const stylePath = await wav('style.wav', { sampleRate: 16000, channels: [style.samples] });
    const silentPath = await wav('silent.wav', {
      sampleRate: 16000,
      channels: [new Float32Array(16000)],
    });
    const shortPath = await wav('short.wav', {
      sampleRate: 16000,
      channels: [content.samples.slice(0, 1000)],
    });
    const report = await evaluateResultFiles({
      content: contentPath,
      styles: [stylePath],
      results: [silentPath, join(workDir, 'missing.wav'), shortPath, stylePath],
    });
    const errorOf = (i: number): string => {
      const row = report.rows[i]!;
      return 'error' in row ? row.error : `measured: ${JSON.stringify(row)}`;
    };
    assert.equal(report.rows.length, 4);
    assert.match(errorOf(0), /^silent\.wav is silent/);
    assert.match(errorOf(1), /^missing\.wav was not found/);
    assert.match(errorOf(2), /^short\.wav is too short to measure: 1000 samples/);
    const last = report.rows[3]!;
    assert.ok(!('error' in last), last.file);
    assert.equal(last.styleGain, 1);
  });
});
