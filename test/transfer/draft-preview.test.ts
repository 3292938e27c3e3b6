// The draft preview: the first thing a user hears, sent before the full network's first iteration.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import type { TransferProgress, TransferRequest } from '../../src/shared/transfer';
import { initBackend, ShallowNetwork, type LogSpectrogram } from '../../src/main/engine';
import { analyse, loadClip, splitStreams, toAnalysisRate } from '../../src/main/transfer/analysis';
import { DRAFT, draftTransfer } from '../../src/main/methods/shallow/draft';
import { runTransfer } from '../../src/main/transfer/run-transfer';
import { networkPart } from '../../src/main/methods/shallow/network-params';
import { shallowMethod } from '../../src/main/methods/shallow/shallow-method';
import { resolveSettings } from '../../src/main/methods/resolve-settings';
import { corpusFile } from '../fixtures/paths';
import { smallSettings } from './small-settings';

const workDir = mkdtempSync(join(tmpdir(), 'timbrefold-draft-'));
const content = corpusFile('drums_groove_120bpm.wav');
const style = corpusFile('flute_acoustic_073-060-127.wav');
// Wider than the draft's network, so that the draft is the smaller one, as at the real presets.
const settings = { ...smallSettings, filters: DRAFT.filters * 2, iterations: 3 };

async function spectrogramOf(path: string): Promise<LogSpectrogram> {
  const resolved = resolveSettings(shallowMethod, 'default', settings);
  const clip = await loadClip(path);
  const stream = splitStreams(clip.audio, 'mono')[0]!;
  const analysed = analyse(
    await toAnalysisRate(stream, clip.audio.sampleRate, resolved.analysisRate),
    resolved,
  );
  return analysed.logMagnitude;
}

/** Distance of a clip's Gram matrix from the style's, on an independent network (the yardstick). */
function styleDistance(
  yardstick: ShallowNetwork,
  clip: LogSpectrogram,
  styleGram: tf.Tensor,
): number {
  return tf.tidy(() => {
    const gram = gramOf(yardstick, clip);
    return tf.sqrt(tf.sum(tf.square(tf.sub(gram, styleGram)))).dataSync()[0]!;
  });
}

function gramOf(network: ShallowNetwork, clip: LogSpectrogram): tf.Tensor {
  return tf.tidy(() => {
    const features = network.forward(
      tf.transpose(tf.tensor2d(clip.data, [clip.frames, clip.bins])) as tf.Tensor2D,
    );
    return tf.div(tf.matMul(features, features, false, true), features.shape[1]);
  });
}

describe('the draft preview', () => {
  test('moves the opening seconds toward the style (measured on an independent network)', async () => {
    await initBackend({ backend: 'wasm' });
    const resolved = resolveSettings(shallowMethod, 'default', settings);
    const contentSpec = await spectrogramOf(content);
    const styleSpec = await spectrogramOf(style);
    const { opening, result } = await draftTransfer(
      contentSpec,
      [{ spectrogram: styleSpec, weight: 1 }],
      networkPart(resolved),
      { sampleRate: resolved.analysisRate, hop: resolved.hop },
    );
    const expectedFrames = Math.round((DRAFT.seconds * resolved.analysisRate) / resolved.hop);
    assert.equal(opening.frames, Math.min(contentSpec.frames, expectedFrames));
    assert.equal(result.frames, opening.frames);
    assert.ok(result.data.every(Number.isFinite));
    const yardstick = new ShallowNetwork(
      { bins: styleSpec.bins, filters: 512, kernelWidth: resolved.kernelWidth },
      999,
    );
    const styleGram = gramOf(yardstick, styleSpec);
    const before = styleDistance(yardstick, opening, styleGram);
    const after = styleDistance(yardstick, result, styleGram);
    styleGram.dispose();
    yardstick.dispose();
    // Five iterations of a draft network: a real step toward the style, if not the whole way.
    assert.ok(after < 0.9 * before, `style distance ${before} -> ${after}`);
  });

  test('arrives first, as iteration 0 marked draft, only when previews are asked for', async () => {
    const base: TransferRequest = {
      method: 'shallow',
      preset: 'default',
      settings,
      content,
      styles: [{ path: style, weight: 1 }],
      output: join(workDir, 'with-previews.wav'),
      backend: 'wasm',
    };
    const events: TransferProgress[] = [];
    await runTransfer({ ...base, previewEvery: 2 }, { onProgress: (p) => events.push(p) });
    const firstPreview = events.findIndex((e) => e.preview);
    const firstIteration = events.findIndex((e) => e.phase === 'optimisation' && e.iteration >= 1);
    assert.ok(
      firstPreview >= 0 && firstPreview < firstIteration,
      'the draft comes before iteration 1',
    );
    const draft = events[firstPreview]!;
    assert.equal(draft.iteration, 0);
    assert.equal(draft.preview!.draft, true);
    assert.equal(draft.preview!.startFrame, 0);
    assert.ok(
      draft.preview!.audio.some((s) => Math.abs(s) > 1e-4),
      'the draft is audible',
    );
    assert.equal(events.filter((e) => e.preview?.draft).length, 1, 'one draft per transfer');

    const quiet: TransferProgress[] = [];
    await runTransfer(
      { ...base, output: join(workDir, 'no-previews.wav') },
      { onProgress: (p) => quiet.push(p) },
    );
    assert.equal(quiet.filter((e) => e.preview).length, 0, 'no previews asked, no draft made');
  });
});
