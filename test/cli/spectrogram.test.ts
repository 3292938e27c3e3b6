import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { encodeWav, type PcmAudio } from '../../src/main/audio';
import { rowOfFrequency } from '../../src/main/dsp';
import { writeFileAtomic } from '../../src/main/fs/atomic-write';
import { plotArea } from '../../src/main/plot/spectrogram-plot';
import { corpusFile } from '../fixtures/paths';
import { runCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-cli-spectrogram-'));

function luminance(png: PNG, x: number, y: number): number {
  const i = (y * png.width + x) * 4;
  return 0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]!;
}

describe('timbrefold spectrogram', () => {
  test('draws a picture of the requested size for each frequency scale', async () => {
    for (const scale of ['linear', 'log', 'mel']) {
      const out = join(workDir, `speech-${scale}.png`);
      const run = await runCli([
        'spectrogram',
        corpusFile('speech_espeak_en-us.wav'),
        out,
        '--scale',
        scale,
        '--width',
        '900',
        '--height',
        '400',
      ]);
      assert.equal(run.code, 0, run.stderr);
      const png = PNG.sync.read(readFileSync(out));
      assert.equal(png.width, 900);
      assert.equal(png.height, 400);
    }
  });

  test('a 1 kHz tone is the brightest row of the plot, exactly where the axis puts 1 kHz', async () => {
    const sampleRate = 22050;
    const tone = new Float32Array(sampleRate * 2);
    for (let i = 0; i < tone.length; i++)
      tone[i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / sampleRate);
    const audio: PcmAudio = { sampleRate, channels: [tone] };
    const wav = join(workDir, 'tone.wav');
    await writeFileAtomic(wav, encodeWav(audio, { sampleFormat: 'float32' }));
    const out = join(workDir, 'tone.png');
    const [width, height] = [800, 500];
    const run = await runCli([
      'spectrogram',
      wav,
      out,
      '--scale',
      'log',
      '--width',
      String(width),
      '--height',
      String(height),
      '--colormap',
      'grey',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const png = PNG.sync.read(readFileSync(out));
    const area = plotArea(width, height);
    const column = area.x + Math.floor(area.width / 2);
    let brightestRow = -1;
    let brightest = -1;
    for (let y = area.y; y < area.y + area.height; y++) {
      const value = luminance(png, column, y);
      if (value > brightest) [brightest, brightestRow] = [value, y];
    }
    const expectedRow =
      area.y + rowOfFrequency(1000, { scale: 'log', height: area.height, maxHz: sampleRate / 2 });
    assert.ok(
      Math.abs(brightestRow - expectedRow) <= 2,
      `tone drawn at row ${brightestRow}, axis says ${expectedRow.toFixed(1)}`,
    );
    assert.ok(brightest > 240, 'the tone is drawn at full brightness');
    assert.ok(luminance(png, column, area.y + 2) < 40, 'the empty top of the spectrum is dark');
  });
});
