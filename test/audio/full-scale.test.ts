// Issue 10, item 10: a float WAV far above full scale (+600 dBFS) used to pass in silence. It is
// kept at its own level (not normalised), and every place that reads it says so, naming the file
// and its peak: the decoder's warnings (`timbrefold info`), `timbrefold transfer`, and the editor's
// import.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readWav, samplePeakDb, writeWav } from '../../src/main/audio';
import { runCli } from '../cli/run-cli';
import { corpusFile } from '../fixtures/paths';
import { editorFixture } from '../ipc/editor-fixture';

const dir = mkdtempSync(join(tmpdir(), 'timbrefold-full-scale-'));
const source = corpusFile('speech_espeak_en-us.wav');

/** The corpus clip raised by `gainDb`, written as float32 (and as 16-bit for comparison). */
async function raised(name: string, gainDb: number, sampleFormat: 'float32' | 'pcm16') {
  const { audio } = await readWav(source);
  const gain = 10 ** (gainDb / 20);
  const loud = { ...audio, channels: audio.channels.map((c) => c.map((x) => x * gain)) };
  const path = join(dir, name);
  await writeWav(path, loud, { sampleFormat });
  return { path, peakDb: samplePeakDb(loud) };
}

describe('float audio above full scale', () => {
  test('the reader warns with the name and the peak, and keeps the samples as they are', async () => {
    const { path, peakDb } = await raised('loud.wav', 600, 'float32');
    assert.ok(peakDb > 590, `peak ${peakDb}`);
    const decoded = await readWav(path);
    const warning = decoded.warnings.find((w) => w.includes('above full scale'));
    assert.ok(warning, decoded.warnings.join(' | '));
    assert.match(warning, new RegExp(`^loud\\.wav peaks at \\+${peakDb.toFixed(1)} dBFS`));
    assert.ok(Math.abs(samplePeakDb(decoded.audio) - peakDb) < 1e-3, 'not normalised');
  });

  test('no warning at or below full scale, nor for integer files', async () => {
    for (const [name, gain, format] of [
      ['quiet.wav', -1, 'float32'],
      ['int.wav', 0, 'pcm16'],
    ] as const) {
      const { path } = await raised(name, gain, format);
      assert.deepEqual((await readWav(path)).warnings, [], name);
    }
  });

  test('timbrefold info shows it', async () => {
    const { path, peakDb } = await raised('info.wav', 600, 'float32');
    const run = await runCli(['info', path]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`info\\.wav peaks at \\+${peakDb.toFixed(1)} dBFS`));
  });

  test('timbrefold transfer warns on stderr as it reads the inputs, and the result is limited', async () => {
    const { path } = await raised('content.wav', 600, 'float32');
    const out = join(dir, 'result.wav');
    // A tiny network: the warning comes at the analysis, before any optimisation.
    const run = await runCli([
      'transfer',
      ...['--content', path, '--style', corpusFile('string_acoustic_040-062-100.wav')],
      ...['--out', out, '--analysis-rate', '8000', '--n-fft', '512', '--filters', '16'],
      ...['--kernel-width', '5', '--iterations', '2', '--phase-iterations', '2'],
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /timbrefold: warning: content\.wav peaks at \+\d+\.\d dBFS, above full scale/,
    );
    assert.ok(samplePeakDb((await readWav(out)).audio) <= 0);
  });

  test('importing it in the editor shows a notice naming it', async () => {
    const { path, peakDb } = await raised('imported.wav', 600, 'float32');
    const fx = await editorFixture();
    try {
      fx.dialogs.enqueue('audio-files', [path]);
      await fx.api.importAudio({});
      const notices = fx.events
        .filter((e) => e.event === 'app:notice')
        .map((e) => (e.payload as { message: string }).message);
      assert.ok(
        notices.some((m) => m.startsWith(`imported.wav peaks at +${peakDb.toFixed(1)} dBFS`)),
        notices.join(' | '),
      );
    } finally {
      await fx.close();
    }
  });
});
