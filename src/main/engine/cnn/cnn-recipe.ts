// The recipe beside a CNN transfer's result: the shallow method's recipe format
// (src/main/transfer/recipe.ts) with the method's own settings, the analysis and the model
// (name and weights hash: a retrained model of the same name is a different recipe).
import type { Hertz, Seconds } from '../../../shared/units';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { ModelManifest } from '../../models/manifest';
import type { LoadedClip } from '../../transfer/analysis';
import { recipePathFor } from '../../transfer/recipe';
import { packageVersion } from '../../version';
import type { CnnLossTerms, CnnPresetName, CnnSettings } from './cnn-settings';
import type { SpectrogramSettings } from './spectrogram-settings';

export interface CnnRecipeInput {
  path: string;
  sha256: string;
  sampleRate: Hertz;
  channels: number;
  frames: number;
}

export interface CnnRecipe {
  format: 'timbrefold-recipe';
  formatVersion: 1;
  createdAt: string;
  method: 'cnn';
  preset: CnnPresetName;
  model: {
    name: string;
    architecture: string;
    width: number;
    classes: string[];
    weightsSha256: string;
    heldOutAccuracy: number | null;
  };
  settings: CnnSettings;
  analysis: SpectrogramSettings;
  seed: number;
  content: CnnRecipeInput;
  region: { start: Seconds; end: Seconds } | null;
  styles: (CnnRecipeInput & { weight: number })[];
  output: { path: string; sampleRate: Hertz; channels: number; frames: number; gainDb: number };
  backend: string;
  versions: { timbrefold: string; tfjs: string; node: string };
  result: {
    iterations: number;
    finalLosses: CnnLossTerms;
    wallSeconds: {
      analysis: Seconds;
      optimisation: Seconds;
      reconstruction: Seconds;
      total: Seconds;
    };
  };
}

function inputOf(clip: LoadedClip): CnnRecipeInput {
  return {
    path: clip.path,
    sha256: clip.sha256,
    sampleRate: clip.audio.sampleRate,
    channels: clip.audio.channels.length,
    frames: clip.audio.channels[0]!.length,
  };
}

export async function writeCnnRecipe(
  output: string,
  parts: {
    preset: CnnPresetName;
    model: ModelManifest;
    settings: CnnSettings;
    analysis: SpectrogramSettings;
    content: LoadedClip;
    region: { start: Seconds; end: Seconds } | null;
    styles: { clip: LoadedClip; weight: number }[];
    output: CnnRecipe['output'];
    backend: string;
    tfjsVersion: string;
    result: CnnRecipe['result'];
  },
): Promise<string> {
  const m = parts.model;
  const recipe: CnnRecipe = {
    format: 'timbrefold-recipe',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    method: 'cnn',
    preset: parts.preset,
    model: {
      name: m.name,
      architecture: m.architecture,
      width: m.width,
      classes: m.classes,
      weightsSha256: m.weights.sha256,
      heldOutAccuracy: m.accuracy.heldOut,
    },
    settings: parts.settings,
    analysis: parts.analysis,
    seed: parts.settings.seed,
    content: inputOf(parts.content),
    region: parts.region,
    styles: parts.styles.map((s) => ({ ...inputOf(s.clip), weight: s.weight })),
    output: parts.output,
    backend: parts.backend,
    versions: { timbrefold: packageVersion(), tfjs: parts.tfjsVersion, node: process.version },
    result: parts.result,
  };
  const path = recipePathFor(output);
  await writeFileAtomic(path, `${JSON.stringify(recipe, null, 2)}\n`);
  return path;
}
