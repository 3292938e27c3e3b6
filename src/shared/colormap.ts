// Colour lookup tables for spectrogram images: 256 RGBA entries, index 0 = quietest.
// viridis, magma, inferno and plasma are matplotlib's published 256-colour tables (van der Walt &
// Smith, CC0), taken from d3-scale-chromatic, which ships those exact tables.
import {
  interpolateInferno,
  interpolateMagma,
  interpolatePlasma,
  interpolateViridis,
} from 'd3-scale-chromatic';
import { DspParameterError } from './dsp-parameter-error';

export const COLORMAPS = ['viridis', 'magma', 'inferno', 'plasma', 'grey'] as const;
export type ColormapName = (typeof COLORMAPS)[number];

/** Entries in every lookup table. */
export const COLORMAP_SIZE = 256;

const tables = new Map<ColormapName, Uint8Array>();

/**
 * The colormap as a 256 x 4 RGBA table (alpha 255), darkest first. Tables are cached and shared:
 * treat them as read-only.
 */
export function colormapLut(name: ColormapName): Uint8Array {
  let table = tables.get(name);
  if (table === undefined) {
    table = buildTable(name);
    tables.set(name, table);
  }
  return table;
}

function buildTable(name: ColormapName): Uint8Array {
  const table = new Uint8Array(COLORMAP_SIZE * 4);
  const interpolate = interpolatorOf(name);
  for (let i = 0; i < COLORMAP_SIZE; i++) {
    // d3's tables pick entry floor(t * 256): the middle of each step lands on entry i exactly.
    const [r, g, b] =
      interpolate === null ? [i, i, i] : parseHex(interpolate((i + 0.5) / COLORMAP_SIZE));
    table.set([r, g, b, 255], i * 4);
  }
  return table;
}

function interpolatorOf(name: ColormapName): ((t: number) => string) | null {
  switch (name) {
    case 'viridis':
      return interpolateViridis;
    case 'magma':
      return interpolateMagma;
    case 'inferno':
      return interpolateInferno;
    case 'plasma':
      return interpolatePlasma;
    case 'grey':
      return null;
    default:
      throw new DspParameterError(
        'colormap',
        name,
        `Unknown colormap '${String(name)}'; choose one of ${COLORMAPS.join(', ')}.`,
      );
  }
}

function parseHex(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
