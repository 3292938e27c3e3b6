// The shallow random-network method's public face for tests and benches: the method itself, its
// parameters, and the engine-side transfer it runs.
export { shallowMethod } from './shallow-method';
export {
  SHALLOW_PARAMETERS,
  SHALLOW_PRESETS,
  shallowPreset,
  type ShallowSettings,
} from './parameters';
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
} from './network-params';
export {
  buildStyleTarget,
  chooseStyleMode,
  disposeStyleTarget,
  type StyleMode,
  type WeightedStyle,
} from './style-target';
export { TransferObjective, type Evaluation, type LossValues } from './objective';
export {
  shallowTransfer,
  checkInputs,
  ShallowTransferSession,
  type SessionOptions,
  type ShallowTransferOptions,
  type TransferOptions,
  type TransferProgress,
  type TransferResult,
} from './shallow-transfer';
