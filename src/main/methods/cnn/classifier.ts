// A classifier of the model cache as a ready network. The cache holds files and manifests; what
// network they make is this method's knowledge (training and classifying use it too).
import { CnnNetwork, NetworkWeightsError } from '../../engine/cnn/network';
import { ModelMismatchError } from '../../models/errors';
import type { ClassifierManifest } from '../../models/manifest';
import type { ModelCache } from '../../models/model-cache';

/** The model as a ready network (classifiers only); the caller disposes it. */
export async function loadClassifier(
  cache: ModelCache,
  name: string,
): Promise<{ manifest: ClassifierManifest; network: CnnNetwork }> {
  const { built } = await cache.build(
    name,
    ({ manifest, weights }) => {
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
    },
    (error): error is NetworkWeightsError => error instanceof NetworkWeightsError,
  );
  return built;
}
