// The engine's public face: generic tfjs only. The backend, the optimisation driver over any
// objective, the losses and the networks that methods (src/main/methods/) are built from.
export {
  initBackend,
  currentBackend,
  wasmBinaryDirectory,
  type BackendChoice,
  type BackendName,
  type BackendOptions,
  type BackendReport,
} from './backend';
export { EngineBackendError, EngineParameterError, TransferCancelled } from './errors';
export type { LogSpectrogram, StyleInput } from './spectrogram';
export {
  ShallowNetwork,
  canonicalFilters,
  filterStd,
  type NetworkLayout,
  type NetworkShape,
} from './shallow-network';
export { gramMatrix, preciseSum, type StyleTarget } from './losses';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type LbfgsStop } from './lbfgs';
export {
  optimise,
  type Objective,
  type ObjectiveValues,
  type OptimiseOptions,
  type OptimiseResult,
} from './optimise';
