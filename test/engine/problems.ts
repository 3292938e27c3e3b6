// Small transfer problems on real corpus audio, shared by the engine's tests: 65 bins (n_fft 128
// at 16 kHz), 40 frames, 64 filters, so that a float64 reference in plain loops stays fast.
import * as tf from '@tensorflow/tfjs-core';
import {
  ShallowNetwork,
  type LogSpectrogram,
  type NetworkLayout,
  type NetworkShape,
  type StyleTarget,
} from '../../src/main/engine';
import {
  buildStyleTarget,
  disposeStyleTarget,
  TransferObjective,
  type StyleMode,
} from '../../src/main/methods/shallow';
import { transposeMatrix } from '../../src/main/engine/spectrogram';
import { smallCorpusSpectrogram, testNoise } from './fixtures';
import {
  referenceFeatures,
  referenceNetwork,
  referenceStyleGram,
  type ReferenceProblem,
} from './reference';

export const SMALL_SHAPE: NetworkShape = { bins: 65, filters: 64, kernelWidth: 11 };
export const SMALL_FRAMES = 40;

/** Violin (content), flute and piano (styles): three clearly different timbres. */
export function smallClips(): { content: LogSpectrogram; styles: LogSpectrogram[] } {
  return {
    content: smallCorpusSpectrogram('string_acoustic_040-062-100.wav', 128, SMALL_FRAMES),
    styles: [
      smallCorpusSpectrogram('flute_acoustic_073-072-100.wav', 128, 36),
      smallCorpusSpectrogram('keyboard_acoustic_000-069-127.wav', 128, 44, 2),
    ],
  };
}

export interface ObjectiveCase {
  name: string;
  contentWeight: number;
  styleWeight: number;
  /** Shares of styles[0], styles[1] (empty: no style term). */
  shares: number[];
  mode: StyleMode;
  /** Filter-bank blocking (default: the engine's). */
  layout?: NetworkLayout;
}

export interface BuiltCase {
  objective: TransferObjective;
  reference: ReferenceProblem;
  /** A point away from the content: content + uniform noise in [-0.3, 0.3], bins x frames. */
  point: Float32Array;
  dispose(): void;
}

/** The engine's objective and the float64 reference for the same problem. */
export function buildCase(c: ObjectiveCase, seed = 7): BuiltCase {
  const { content, styles } = smallClips();
  const network = new ShallowNetwork(SMALL_SHAPE, seed, c.layout);
  const ref = referenceNetwork(SMALL_SHAPE, seed);
  const contentT = transposeMatrix(content.data, content.frames, content.bins);
  const contentTensor = tf.tensor2d(contentT, [content.bins, content.frames]);
  const mix = c.shares
    .map((share, i) => ({ spectrogram: styles[i]!, share }))
    .filter((s) => s.share > 0);
  const target: StyleTarget | undefined =
    mix.length > 0 ? buildStyleTarget(network, mix, c.mode) : undefined;
  const objective = new TransferObjective({
    network,
    contentT: c.contentWeight > 0 ? contentTensor : undefined,
    style: target,
    contentWeight: c.contentWeight,
    styleWeight: c.styleWeight,
    frames: content.frames,
  });
  const reference: ReferenceProblem = {
    net: ref,
    frames: content.frames,
    contentFeatures:
      c.contentWeight > 0 ? referenceFeatures(ref, contentT, content.frames) : undefined,
    styleGram:
      mix.length > 0
        ? referenceStyleGram(
            ref,
            mix.map((s) => ({
              inputT: transposeMatrix(s.spectrogram.data, s.spectrogram.frames, s.spectrogram.bins),
              frames: s.spectrogram.frames,
              share: s.share,
            })),
          )
        : undefined,
    contentWeight: c.contentWeight,
    styleWeight: c.styleWeight,
  };
  const noise = testNoise(contentT.length, 3, -0.3, 0.3);
  const point = contentT.map((v, i) => v + noise[i]!);
  return {
    objective,
    reference,
    point,
    dispose() {
      objective.dispose();
      contentTensor.dispose();
      if (target) disposeStyleTarget(target);
      network.dispose();
    },
  };
}
