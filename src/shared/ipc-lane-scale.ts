// Pure helpers the page needs to colour lane spectrograms itself (frequency axis and colour
// tables), re-exported from the spectral core so the page never imports main-process modules
// and both sides draw the same axis with the same colours.
export {
  binOfFrequency,
  frequencyOfRow,
  rowBins as rowBinsOfEdges,
  rowEdgeFrequencies,
  rowOfFrequency,
  type RowBins,
  type FrequencyAxis,
  type FrequencyScale,
} from '../main/dsp/frequency-scale';
export { colormapLut, COLORMAPS, COLORMAP_SIZE, type ColormapName } from '../main/dsp/colormap';
