import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  columnOfSeconds,
  DspParameterError,
  frameOfSeconds,
  frequencyOfRow,
  hzToMel,
  melToHz,
  rowEdgeFrequencies,
  rowOfFrequency,
  secondsOfColumn,
  secondsOfFrame,
  type FrequencyAxis,
} from '../../src/main/dsp/index';

const close = (a: number, b: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a} vs ${b}`);

describe('mel formulas', () => {
  test('match the published HTK and Slaney (librosa) values', () => {
    close(hzToMel(700, 'htk'), 2595 * Math.log10(2), 1e-9, 'HTK 700 Hz');
    close(hzToMel(440, 'htk'), 549.6387, 1e-3, 'HTK 440 Hz');
    close(hzToMel(440, 'slaney'), 6.6, 1e-9, 'Slaney 440 Hz (linear part)');
    close(hzToMel(1000, 'slaney'), 15, 1e-9, 'Slaney break point');
    close(hzToMel(6400, 'slaney'), 42, 1e-9, 'Slaney 6.4 kHz (27 log steps above 1 kHz)');
  });

  test('melToHz inverts hzToMel for both formulas', () => {
    for (const formula of ['htk', 'slaney'] as const)
      for (const hz of [0, 20, 440, 999, 1000, 1001, 5000, 22050])
        close(melToHz(hzToMel(hz, formula), formula), hz, 1e-6 * (hz + 1), `${formula} ${hz} Hz`);
  });
});

describe('frequency axis', () => {
  const axes: FrequencyAxis[] = [
    { scale: 'linear', height: 256, maxHz: 11025 },
    { scale: 'log', height: 256, maxHz: 11025 },
    { scale: 'log', height: 100, minHz: 50, maxHz: 8000 },
    { scale: 'mel', height: 128, maxHz: 22050 },
    { scale: 'mel', height: 128, maxHz: 22050, melFormula: 'slaney' },
  ];

  test('row of frequency and frequency of row invert each other', () => {
    for (const axis of axes) {
      for (const row of [0, 0.25, 17, axis.height / 2, axis.height - 1])
        close(
          rowOfFrequency(frequencyOfRow(row, axis), axis),
          row,
          1e-6,
          `${axis.scale} row ${row}`,
        );
      for (const hz of [100, 1000, 4000, 7999])
        close(
          frequencyOfRow(rowOfFrequency(hz, axis), axis),
          hz,
          1e-6 * hz,
          `${axis.scale} ${hz} Hz`,
        );
    }
  });

  test('the top edge is maxHz, the bottom edge minHz (20 Hz for log), rows descend', () => {
    for (const axis of axes) {
      const edges = rowEdgeFrequencies(axis);
      close(edges[0]!, axis.maxHz, 1e-6 * axis.maxHz, `${axis.scale} top`);
      const bottom = axis.minHz ?? (axis.scale === 'log' ? 20 : 0);
      close(edges[axis.height]!, bottom, 1e-6 * (bottom + 1), `${axis.scale} bottom`);
      for (let r = 0; r < axis.height; r++)
        assert.ok(edges[r]! > edges[r + 1]!, `${axis.scale} row ${r}`);
    }
  });

  test('linear rows are evenly spaced; log rows have a constant frequency ratio', () => {
    const linear = rowEdgeFrequencies({ scale: 'linear', height: 10, maxHz: 1000 });
    assert.deepEqual(
      Array.from(linear, (f) => Math.round(f * 1e6) / 1e6),
      [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 0],
    );
    const log = rowEdgeFrequencies({ scale: 'log', height: 3, minHz: 10, maxHz: 10_000 });
    for (const [i, hz] of [10_000, 1000, 100, 10].entries())
      close(log[i]!, hz, 1e-9 * hz, `log edge ${i}`);
  });

  test('rejects impossible axes', () => {
    assert.throws(
      () => frequencyOfRow(0, { scale: 'log', height: 10, minHz: 0, maxHz: 8000 }),
      DspParameterError,
    );
    assert.throws(
      () => frequencyOfRow(0, { scale: 'linear', height: 0, maxHz: 8000 }),
      DspParameterError,
    );
    assert.throws(
      () => frequencyOfRow(0, { scale: 'linear', height: 10, minHz: 900, maxHz: 800 }),
      DspParameterError,
    );
  });
});

describe('time axis', () => {
  const timing = { hop: 512, sampleRate: 22050 };

  test('frame t is centred on t * hop samples (t * hop + n/2 uncentred)', () => {
    close(secondsOfFrame(10.5, timing), (10 * 512) / 22050, 1e-12, 'centred');
    close(
      secondsOfFrame(10.5, { ...timing, center: false, nFft: 2048 }),
      (10 * 512 + 1024) / 22050,
      1e-12,
      'uncentred',
    );
    close(frameOfSeconds(secondsOfFrame(123.25, timing), timing), 123.25, 1e-9, 'inverse');
  });

  test('columns map to seconds and back, whole clip or zoomed', () => {
    const whole = { ...timing, width: 431, startFrame: 0, endFrame: 431 };
    close(secondsOfColumn(100, whole), (100 * 512) / 22050, 1e-12, 'one frame per column');
    const zoom = {
      ...timing,
      width: 1000,
      startFrame: frameOfSeconds(2, timing),
      endFrame: frameOfSeconds(3, timing),
    };
    close(secondsOfColumn(-0.5, zoom), 2, 1e-9, 'left edge');
    close(secondsOfColumn(999.5, zoom), 3, 1e-9, 'right edge');
    for (const column of [0, 1.5, 500, 999])
      close(columnOfSeconds(secondsOfColumn(column, zoom), zoom), column, 1e-6, `column ${column}`);
  });
});
