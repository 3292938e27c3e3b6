// Rebuilds the small classifiers shipped in resources/models from the shared corpus: flute vs
// keyboard, seed 000's pair, six notes each, a third of each held out. (All four corpus families
// were tried: 4 training notes per family are too few for four classes, 50 % and 38 % held-out
// accuracy.) Run from the checkout:
//   node --import tsx -e "import('./src/main/training/demo-models.ts').then((m) => m.buildDemoModels())"
// Deterministic for a given backend and thread count (seeded weights, split and crops).
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { shippedModelsFolder } from '../models/locations';
import { DEMO_MODELS } from '../models/shipped';
import { trainClassifier, type TrainResult } from './train-classifier';

export const DEMO_FAMILIES = ['flute', 'keyboard'] as const;

export async function buildDemoModels(
  corpusDir = resolve(process.cwd(), '../shared/corpus'),
  outDir = shippedModelsFolder(),
  architectures: readonly ('verma-smith' | 'audio-vgg')[] = ['verma-smith', 'audio-vgg'],
): Promise<TrainResult[]> {
  const data = mkdtempSync(join(tmpdir(), 'timbrefold-demo-data-'));
  const files = readdirSync(corpusDir);
  for (const family of DEMO_FAMILIES) {
    mkdirSync(join(data, family));
    for (const file of files.filter((f) => f.startsWith(`${family}_acoustic_`)))
      symlinkSync(join(corpusDir, file), join(data, family, file));
  }
  const results: TrainResult[] = [];
  for (const architecture of architectures) {
    const result = await trainClassifier(
      {
        data,
        architecture,
        name: DEMO_MODELS[architecture]!,
        modelsDir: outDir,
        epochs: 10,
        learningRate: 2e-3,
        holdOut: 1 / 3,
        validation: 0,
        seed: 1,
        replace: true,
        backend: 'wasm',
      },
      {
        onProgress: (p) => {
          if (p.phase === 'training' && p.batch === 0 && p.epoch > 0)
            process.stderr.write(
              `${architecture}: epoch ${p.epoch}/${p.epochs} loss ${p.loss?.toFixed(3)} accuracy ${p.accuracy?.toFixed(3)}\n`,
            );
        },
      },
    );
    process.stderr.write(
      `${architecture}: held-out accuracy ${result.manifest.accuracy.heldOut} (${result.manifest.accuracy.heldOutClips} clips)\n`,
    );
    results.push(result);
  }
  return results;
}
