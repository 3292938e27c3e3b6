// The classifiers shipped with the app (resources/models), one per transfer preset, so that the
// trained-CNN method works right after install. Rebuilt by src/main/training/demo-models.ts.
import type { ArchitectureName } from '../engine/cnn/architectures';

export const DEMO_MODELS: Readonly<Record<ArchitectureName, string>> = {
  'audio-vgg': 'demo-audio-vgg',
  'verma-smith': 'demo-verma-smith',
};
