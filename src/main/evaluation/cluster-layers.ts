// The layers a cluster map may be drawn from: a classifier's pooling layers, the last by default
// (seed 000 maps a late pooling layer). Known from the manifest alone (the architecture's layer
// list, no weights), so the editor checks a chosen layer before any job starts.
import { buildLayers, type LayerSpec } from '../engine/cnn/architectures';
import type { ClassifierManifest } from '../models/manifest';

/** The output names of the pooling layers, first to last. */
export function poolingLayers(layers: readonly LayerSpec[]): string[] {
  return layers.filter((l) => l.kind === 'pool').map((l) => l.output);
}

/** A classifier's pooling layers, from its manifest. */
export function classifierPoolingLayers(manifest: ClassifierManifest): string[] {
  return poolingLayers(
    buildLayers({
      architecture: manifest.architecture,
      width: manifest.width,
      bins: manifest.spectrogram.nFft / 2 + 1,
      classes: manifest.classes.length,
    }),
  );
}
