// The editor's trained-CNN start request as the engine's 'cnn-transfer' job request. Built by the
// same code as `timbrefold transfer --method cnn` (cnn-request.ts), so the app and the CLI send
// the engine the same thing for the same settings.
import type { CnnStartRequest } from '../../shared/ipc-jobs';
import type { StyleSource } from '../../shared/transfer';
import type { Seconds } from '../../shared/units';
import { cnnRequestFromFlags } from '../engine/cnn/cnn-request';
import type { CnnTransferRequest } from '../engine/cnn/cnn-settings';

export interface CnnJobFiles {
  content: string;
  styles: StyleSource[];
  output: string;
  /** Relative to the content clip. */
  region?: { start: Seconds; end: Seconds };
  previewEvery: number;
}

export interface CnnJobModels {
  /** The user's model cache. */
  dir: string;
  /** Folders of models shipped with the app. */
  shipped: string[];
}

export function cnnJobRequest(
  start: CnnStartRequest,
  files: CnnJobFiles,
  models: CnnJobModels,
): CnnTransferRequest {
  const s = start.settings;
  const request = cnnRequestFromFlags({
    content: files.content,
    styles: files.styles.map((style) => style.path),
    styleWeights: files.styles.map((style) => style.weight),
    output: files.output,
    preset: start.preset,
    ...(start.model !== undefined && { model: start.model }),
    models: models.dir,
    ...(files.region && { region: files.region }),
    backend: 'auto',
    previewEvery: files.previewEvery,
    alpha: s.contentWeight,
    beta: s.styleWeight,
    energyWeight: s.energyWeight,
    frequencyWeight: s.frequencyWeight,
    start: s.start,
    seed: s.seed,
    optimiser: s.optimiser,
    iterations: s.iterations,
    learningRate: s.learningRate,
    phaseMethod: s.phaseMethod,
    phaseIterations: s.phaseIterations,
    phaseStart: s.phaseStart,
    channels: s.channelMode,
    windowSeconds: s.windowSeconds,
  });
  // The worker cannot find the app's resources by itself in a packaged build: name them.
  return { ...request, shippedModelsDirs: models.shipped };
}
