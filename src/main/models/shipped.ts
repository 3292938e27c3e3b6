// The classifiers shipped with the app (resources/models), one per transfer preset, so that the
// trained-CNN method works right after install. Rebuilt by src/main/training/demo-models.ts.
/** The shipped model of each architecture, by the architecture's name. */
export const DEMO_MODELS: Readonly<Record<string, string>> = {
  'audio-vgg': 'demo-audio-vgg',
  'verma-smith': 'demo-verma-smith',
};
