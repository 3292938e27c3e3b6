// The spectral core: STFT/ISTFT, log-magnitude, phase reconstruction, spectrogram pictures.
export { DspParameterError, PhaseReconstructionCancelled } from './errors';
export {
  hannWindow,
  checkOverlapAdd,
  MIN_OVERLAP_ADD_FLATNESS,
  type OverlapAddCheck,
} from './window';
export {
  stft,
  istft,
  magnitude,
  phase,
  fromPolar,
  frameCount,
  resolveFraming,
  MIN_N_FFT,
  MAX_N_FFT,
  type Spectrogram,
  type StftShape,
  type StftOptions,
  type Framing,
} from './stft';
export { logMagnitude, inverseLogMagnitude } from './log-magnitude';
export {
  reconstructPhase,
  spectralConvergence,
  DEFAULT_MOMENTUM,
  type PhaseMethod,
  type InitialPhase,
  type PhaseProgress,
  type PhaseReconstructionOptions,
  type PhaseReconstructionResult,
} from './griffin-lim';
export { seededRandom, type SeededRandom } from './random';
export {
  hzToMel,
  melToHz,
  frequencyOfBin,
  binOfFrequency,
  frequencyOfRow,
  rowOfFrequency,
  rowEdgeFrequencies,
  DEFAULT_LOG_MIN_HZ,
  type FrequencyAxis,
  type FrequencyScale,
  type MelFormula,
} from '../../shared/frequency-scale';
export {
  secondsOfFrame,
  frameOfSeconds,
  secondsOfColumn,
  columnOfSeconds,
  type FrameTiming,
  type TimeAxis,
} from './time-axis';
export { colormapLut, COLORMAPS, COLORMAP_SIZE, type ColormapName } from '../../shared/colormap';
export {
  renderSpectrogram,
  peakMagnitude,
  fullScaleMagnitude,
  type SpectrogramImage,
  type SpectrogramImageOptions,
} from './spectrogram-image';
