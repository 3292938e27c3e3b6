// The transfer methods the editor offers, with the presets the panel's chooser applies: read
// from the engine's own preset tables, so the panel starts from what the CLI runs.
import type { MethodInfo } from '../../shared/ipc-jobs';
import { CNN_PRESETS_OFFERED, type CnnPresetName } from '../../shared/transfer';
import { CNN_PRESETS, type CnnPresetName as EngineCnnPreset } from '../engine/cnn/cnn-settings';
import { SHALLOW_PRESETS } from '../transfer/settings';

// The page's preset names are the engine's, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const presetsMatch: Same<CnnPresetName, EngineCnnPreset> = true;
void presetsMatch;

const CNN_LABELS: Record<CnnPresetName, string> = {
  'verma-smith': 'Verma & Smith (small, fast)',
  'audio-vgg': 'Audio-VGG (deeper)',
};

export function transferMethods(): MethodInfo[] {
  return [
    {
      method: 'shallow',
      label: 'Shallow random network',
      available: true,
      presets: (['default', 'ulyanov'] as const).map((name) => ({
        name,
        label: name === 'default' ? 'Default (fast)' : 'Ulyanov (paper)',
        settings: {
          contentWeight: SHALLOW_PRESETS[name].contentWeight,
          styleWeight: SHALLOW_PRESETS[name].styleWeight,
          iterations: SHALLOW_PRESETS[name].iterations,
          seed: SHALLOW_PRESETS[name].seed,
          start: SHALLOW_PRESETS[name].start,
          filters: SHALLOW_PRESETS[name].filters,
          optimiser: SHALLOW_PRESETS[name].optimiser,
        },
      })),
    },
    {
      method: 'cnn',
      label: 'Trained CNN',
      available: true,
      presets: CNN_PRESETS_OFFERED.map((name) => ({
        name,
        label: CNN_LABELS[name],
        settings: {
          contentWeight: CNN_PRESETS[name].contentWeight,
          styleWeight: CNN_PRESETS[name].styleWeight,
          energyWeight: CNN_PRESETS[name].energyWeight,
          frequencyWeight: CNN_PRESETS[name].frequencyWeight,
          iterations: CNN_PRESETS[name].iterations,
          seed: CNN_PRESETS[name].seed,
          start: CNN_PRESETS[name].start,
          optimiser: CNN_PRESETS[name].optimiser,
        },
      })),
    },
  ];
}
