import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  colormapLut,
  COLORMAPS,
  DspParameterError,
  frameOfSeconds,
  fullScaleMagnitude,
  magnitude,
  peakMagnitude,
  renderSpectrogram,
  rowOfFrequency,
  stft,
  type SpectrogramImage,
} from '../../src/main/dsp/index';
import { loadCorpusMono } from '../fixtures/corpus-audio';

function pixel(image: SpectrogramImage, row: number, column: number): number[] {
  const at = (row * image.width + column) * 4;
  return Array.from(image.rgba.subarray(at, at + 4));
}

function entry(table: Uint8Array, index: number): number[] {
  return Array.from(table.subarray(index * 4, index * 4 + 4));
}

/** The row of a column whose colour is furthest along the colormap. */
function brightestRow(image: SpectrogramImage, column: number, table: Uint8Array): number {
  const colours = Array.from({ length: 256 }, (_, i) => entry(table, i).join());
  let best = 0;
  let bestLevel = -1;
  for (let r = 0; r < image.height; r++) {
    const level = colours.indexOf(pixel(image, r, column).join());
    if (level > bestLevel) [best, bestLevel] = [r, level];
  }
  return best;
}

/** 1 kHz sine at half scale for 1 s, then 1 s of digital silence, at 16 kHz. */
function toneThenSilence() {
  const sampleRate = 16000;
  const signal = new Float32Array(2 * sampleRate);
  for (let i = 0; i < sampleRate; i++)
    signal[i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / sampleRate);
  const spec = stft(signal, { nFft: 512, hop: 128 });
  return { sampleRate, spec, mag: magnitude(spec) };
}

describe('colormaps', () => {
  test('are matplotlib tables: known end colours, darkest first, alpha opaque', () => {
    assert.deepEqual(entry(colormapLut('viridis'), 0), [68, 1, 84, 255]);
    assert.deepEqual(entry(colormapLut('viridis'), 255), [253, 231, 37, 255]);
    assert.deepEqual(entry(colormapLut('magma'), 0), [0, 0, 4, 255]);
    assert.deepEqual(entry(colormapLut('magma'), 255), [252, 253, 191, 255]);
    assert.deepEqual(entry(colormapLut('inferno'), 255), [252, 255, 164, 255]);
    assert.deepEqual(entry(colormapLut('grey'), 77), [77, 77, 77, 255]);
    for (const name of COLORMAPS) {
      const table = colormapLut(name);
      assert.equal(table.length, 1024);
      const luminance = (i: number) =>
        0.2126 * table[i * 4]! + 0.7152 * table[i * 4 + 1]! + 0.0722 * table[i * 4 + 2]!;
      for (let i = 16; i < 256; i += 16)
        assert.ok(luminance(i) > luminance(i - 16), `${name} gets lighter at ${i}`);
    }
  });
});

describe('renderSpectrogram', () => {
  test('a loud sine row is the brightest colour and silence the darkest, on every scale', () => {
    const { sampleRate, spec, mag } = toneThenSilence();
    for (const scale of ['linear', 'log', 'mel'] as const) {
      const height = 128;
      const image = renderSpectrogram(mag, spec, {
        sampleRate,
        width: 100,
        height,
        scale,
        dbRange: 80,
        colormap: 'viridis',
      });
      assert.equal(image.rgba.length, 100 * height * 4);
      const lut = colormapLut('viridis');
      // 1 kHz may fall on the edge between two rows: the brightest row must be one of them.
      const toneAt = rowOfFrequency(1000, { scale, height, maxHz: sampleRate / 2 });
      const toneRow = brightestRow(image, 25, lut);
      assert.ok(
        Math.abs(toneRow - toneAt) <= 1,
        `${scale}: brightest row ${toneRow}, tone at ${toneAt}`,
      );
      assert.deepEqual(pixel(image, toneRow, 25), entry(lut, 255), `${scale}: the tone's row`);
      // Frames past 1 s + half a window see only zeros.
      for (const row of [0, toneRow, height - 1])
        assert.deepEqual(pixel(image, row, 80), entry(lut, 0), `${scale}: silence, row ${row}`);
      // Far from the tone, in its half, the picture is darker than the tone but not silent-dark everywhere.
      const far = Math.round(rowOfFrequency(6000, { scale, height, maxHz: sampleRate / 2 }));
      assert.notDeepEqual(pixel(image, far, 25), entry(lut, 255));
    }
  });

  test('zooming keeps the whole clip as the reference: a silent range stays darkest', () => {
    const { sampleRate, spec, mag } = toneThenSilence();
    const timing = { hop: spec.hop, sampleRate };
    const image = renderSpectrogram(mag, spec, {
      sampleRate,
      width: 300,
      height: 64,
      scale: 'linear',
      dbRange: 60,
      colormap: 'magma',
      startFrame: frameOfSeconds(1.1, timing),
      endFrame: frameOfSeconds(1.9, timing),
    });
    const darkest = new Uint32Array(colormapLut('magma').slice().buffer)[0];
    assert.ok(new Uint32Array(image.rgba.buffer).every((p) => p === darkest));
    // Zoomed into the tone, its row is still the brightest, at a column in the middle.
    const zoomed = renderSpectrogram(mag, spec, {
      sampleRate,
      width: 300,
      height: 64,
      scale: 'linear',
      dbRange: 60,
      colormap: 'magma',
      startFrame: 10,
      endFrame: 20.5,
    });
    const row = brightestRow(zoomed, 150, colormapLut('magma'));
    assert.ok(
      Math.abs(row - rowOfFrequency(1000, { scale: 'linear', height: 64, maxHz: 8000 })) <= 1,
    );
    assert.deepEqual(pixel(zoomed, row, 150), entry(colormapLut('magma'), 255));
  });

  test('levels follow the dB scale: a tone 40 dB down sits halfway on an 80 dB range', () => {
    const sampleRate = 16000;
    const signal = new Float32Array(sampleRate);
    for (let i = 0; i < signal.length; i++)
      signal[i] = Math.sin((2 * Math.PI * 2000 * i) / sampleRate) * 0.01;
    const spec = stft(signal, { nFft: 512, hop: 128 });
    const image = renderSpectrogram(magnitude(spec), spec, {
      sampleRate,
      width: 50,
      height: 257,
      scale: 'linear',
      dbRange: 80,
      colormap: 'grey',
      reference: fullScaleMagnitude(512), // 0 dBFS at the top: the tone at 0.01 is -40 dBFS
    });
    const row = Math.round(rowOfFrequency(2000, { scale: 'linear', height: 257, maxHz: 8000 }));
    const level = pixel(image, row, 25)[0]!;
    assert.ok(Math.abs(level - 128) <= 1, `grey level ${level}, expected 128`);
  });

  test('renders a real clip at the size asked, with opaque pixels', () => {
    const { samples, sampleRate } = loadCorpusMono('long_piano_melody_44k_stereo.wav');
    const spec = stft(samples, { nFft: 2048, hop: 512 });
    const mag = magnitude(spec);
    const image = renderSpectrogram(mag, spec, {
      sampleRate,
      width: 640,
      height: 200,
      scale: 'mel',
      dbRange: 80,
      colormap: 'inferno',
      reference: peakMagnitude(mag),
    });
    assert.equal(image.width, 640);
    assert.equal(image.height, 200);
    assert.ok(image.rgba.every((v, i) => i % 4 !== 3 || v === 255));
    // Piano energy lives low: the bottom half of a mel picture is brighter than the top tenth.
    const mean = (fromRow: number, toRow: number) => {
      let sum = 0;
      for (let r = fromRow; r < toRow; r++)
        for (let c = 0; c < 640; c++) sum += image.rgba[(r * 640 + c) * 4 + 1]!;
      return sum / ((toRow - fromRow) * 640);
    };
    assert.ok(mean(100, 200) > mean(0, 20), `bottom ${mean(100, 200)} vs top ${mean(0, 20)}`);
  });

  test('rejects bad sizes, ranges and references with typed errors', () => {
    const { sampleRate, spec, mag } = toneThenSilence();
    const good = {
      sampleRate,
      width: 10,
      height: 10,
      scale: 'linear',
      dbRange: 80,
      colormap: 'grey',
    } as const;
    const cases: Array<[string, object]> = [
      ['width', { width: 0 }],
      ['height', { height: 1e6 }],
      ['dbRange', { dbRange: -3 }],
      ['endFrame', { startFrame: 5, endFrame: 5 }],
      ['endFrame', { endFrame: spec.frames + 1 }],
      ['reference', { reference: 0 }],
      ['maxHz', { maxHz: 9000 }],
      ['colormap', { colormap: 'rainbow' }],
    ];
    for (const [parameter, change] of cases)
      assert.throws(
        () => renderSpectrogram(mag, spec, { ...good, ...change } as typeof good),
        (e: unknown) => e instanceof DspParameterError && e.parameter === parameter,
        parameter,
      );
  });
});
