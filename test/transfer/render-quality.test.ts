// Every render carries QUALITY.md's numbers, in its result and in its recipe; they agree with
// `timbrefold evaluate metrics`' own measurement of the written files. The written WAV is float32,
// so reading it back gives the very samples that were measured; content and style share their
// rate, so no resampling stands between the two measurements.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { evaluateResultFiles } from '../../src/main/evaluation/quality-files';
import { runTransfer } from '../../src/main/transfer/run-transfer';
import { corpusFile } from '../fixtures/paths';
import { smallSettings } from './small-settings';

describe('the numbers beside every render', () => {
  test('style gain, content correlation and spectral convergence, as evaluate metrics measures them', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'timbrefold-quality-')), 'result.wav');
    const content = corpusFile('keyboard_acoustic_000-057-050.wav');
    const style = corpusFile('flute_acoustic_073-072-100.wav');
    const result = await runTransfer({
      method: 'shallow',
      preset: 'default',
      settings: { ...smallSettings, iterations: 10 },
      content,
      styles: [{ path: style, weight: 1 }],
      output,
      backend: 'wasm',
    });
    const { styleGain, contentCorrelation, spectralConvergence } = result.quality;
    assert.ok(
      Number.isFinite(styleGain) && Number.isFinite(contentCorrelation),
      JSON.stringify(result.quality),
    );
    assert.ok(
      spectralConvergence! > 0 && spectralConvergence! < 1,
      `convergence ${spectralConvergence}`,
    );
    const independent = await evaluateResultFiles({ content, styles: [style], results: [output] });
    const row = independent.rows[0]!;
    assert.ok('styleGain' in row, JSON.stringify(row));
    assert.ok(Math.abs(row.styleGain - styleGain!) < 1e-6, `${row.styleGain} vs ${styleGain}`);
    assert.ok(
      Math.abs(row.contentCorrelation - contentCorrelation!) < 1e-6,
      `${row.contentCorrelation} vs ${contentCorrelation}`,
    );
    const recipe = JSON.parse(readFileSync(result.recipe, 'utf8')) as { quality: unknown };
    assert.deepEqual(recipe.quality, result.quality);
  });
});
