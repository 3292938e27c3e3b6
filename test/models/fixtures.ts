// A tiny classifier and its manifest, for tests of the model cache.
import * as tf from '@tensorflow/tfjs-core';
import { CnnNetwork } from '../../src/main/engine/cnn/network';
import type { ClassifierManifest } from '../../src/main/models/manifest';

type ClassifierDraft = Omit<ClassifierManifest, 'weights' | 'format' | 'formatVersion'>;

export function tinyNetwork(seed = 1): CnnNetwork {
  return CnnNetwork.initialise(
    {
      architecture: 'verma-smith',
      width: 1 / 64,
      bins: 257,
      classes: 2,
      inputMean: 1,
      inputStd: 0.5,
    },
    seed,
  );
}

export function draftFor(name: string, overrides: Partial<ClassifierDraft> = {}): ClassifierDraft {
  return {
    name,
    kind: 'classifier',
    architecture: 'verma-smith',
    width: 1 / 64,
    classes: ['flute', 'keyboard'],
    spectrogram: { sampleRate: 16000, nFft: 512, hop: 160, winLength: 480 },
    cropFrames: 100,
    input: { mean: 1, std: 0.5 },
    accuracy: { heldOut: 1, heldOutCrops: 0.9, heldOutClips: 4, validation: null },
    trainingData: {
      hash: 'a'.repeat(64),
      clips: 12,
      skipped: 0,
      layout: 'folders',
      folder: '/data',
    },
    training: {
      epochs: 1,
      learningRate: 1e-3,
      batchSize: 8,
      seed: 0,
      cropsPerClip: 4,
      seconds: 1,
      backend: 'cpu',
    },
    createdAt: new Date(0).toISOString(),
    versions: { timbrefold: '0.0.0', tfjs: tf.version_core },
    ...overrides,
  };
}
