// A classifier of the model cache as a ready network. The cache holds files and manifests; what
// network they make is this method's knowledge (training and classifying use it too).
import * as tf from '@tensorflow/tfjs-core';
import { CnnNetwork, NetworkWeightsError } from '../../engine/cnn/network';
import { ModelDamagedError, ModelMismatchError } from '../../models/errors';
import type { ClassifierManifest } from '../../models/manifest';
import type { ModelCache } from '../../models/model-cache';

/** The model as a ready network (classifiers only); the caller disposes it. */
export async function loadClassifier(
  cache: ModelCache,
  name: string,
): Promise<{ manifest: ClassifierManifest; network: CnnNetwork }> {
  const { manifest, weights, location } = await cache.load(name);
  try {
    if (manifest.kind !== 'classifier')
      throw new ModelMismatchError(
        name,
        `The model "${name}" is a ${manifest.kind}, not a classifier: transfer with it by --method fast; the trained-CNN method and training need a classifier.`,
      );
    const network = new CnnNetwork(
      {
        architecture: manifest.architecture,
        width: manifest.width,
        bins: manifest.spectrogram.nFft / 2 + 1,
        classes: manifest.classes.length,
        inputMean: manifest.input.mean,
        inputStd: manifest.input.std,
      },
      weights,
    );
    return { manifest, network };
  } catch (error) {
    if (error instanceof NetworkWeightsError)
      throw new ModelDamagedError(
        name,
        `The model "${name}" in ${location.folder} is damaged: ${error.message}.`,
      );
    throw error;
  } finally {
    tf.dispose(Object.values(weights));
  }
}
