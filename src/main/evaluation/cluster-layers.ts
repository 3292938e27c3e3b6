// The layers a cluster map may be drawn from: every activation a transfer may use (each
// convolution's ReLU and each pooling), the last pooling layer by default (seed 000 maps a late
// pooling layer). The CLI and the editor offer the same list. Known from the manifest alone (the
// architecture's layer list, no weights), so the editor checks a chosen layer before any job starts.
import { buildLayers, featureLayerNames, type LayerSpec } from '../engine/cnn/architectures';
import type { ClassifierManifest } from '../models/manifest';

/** The output names of the layers a map may use, first to last. */
export function mapLayers(layers: readonly LayerSpec[]): string[] {
  return featureLayerNames(layers);
}

/** The output name of the last pooling layer: the default. */
export function defaultMapLayer(layers: readonly LayerSpec[]): string {
  return layers.filter((l) => l.kind === 'pool').at(-1)!.output;
}

/** A classifier's layers for a map, and the default, from its manifest. */
export function classifierMapLayers(manifest: ClassifierManifest): {
  layers: string[];
  defaultLayer: string;
} {
  const layers = buildLayers({
    architecture: manifest.architecture,
    width: manifest.width,
    bins: manifest.spectrogram.nFft / 2 + 1,
    classes: manifest.classes.length,
  });
  return { layers: mapLayers(layers), defaultLayer: defaultMapLayer(layers) };
}
