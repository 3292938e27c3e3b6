// The transfer engine's public face: backend choice, the shallow random-network method, its
// parameters, and the building blocks the tests and later methods reuse.
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
export {
  PRESETS,
  LIMITS,
  resolveTransferParams,
  validateTransferParams,
  type OptimiserName,
  type PresetName,
  type ShallowTransferParams,
  type StartPoint,
  type TransferParamsInput,
} from '../methods/shallow/network-params';
export type { LogSpectrogram, StyleInput } from './spectrogram';
export {
  ShallowNetwork,
  canonicalFilters,
  filterStd,
  type NetworkLayout,
  type NetworkShape,
} from './shallow-network';
export { gramMatrix, preciseSum, type StyleTarget } from './losses';
export {
  buildStyleTarget,
  chooseStyleMode,
  disposeStyleTarget,
  type StyleMode,
  type WeightedStyle,
} from '../methods/shallow/style-target';
export { TransferObjective, type Evaluation, type LossValues } from '../methods/shallow/objective';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type LbfgsStop } from './lbfgs';
export {
  shallowTransfer,
  checkInputs,
  ShallowTransferSession,
  type SessionOptions,
  type ShallowTransferOptions,
  type TransferOptions,
  type TransferProgress,
  type TransferResult,
} from '../methods/shallow/shallow-transfer';
