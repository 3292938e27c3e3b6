// What every picture of the plot room shares: a pureimage canvas (plain JavaScript, no native
// binary), the bundled font, so text looks the same on every machine, the dark palette, and
// the PNG encoding.
import { existsSync } from 'node:fs';
import * as PImage from 'pureimage';
import { PNG } from 'pngjs';
import { resourcePaths } from '../app/resource-paths';

export type Context2D = ReturnType<PImage.Bitmap['getContext']>;

const fontFamily = 'TimbrefoldSans';
export const PLOT_COLOURS = {
  background: '#16181d',
  text: '#d8dbe2',
  dim: '#8a8f9c',
  tick: '#5b606b',
} as const;

let fontRegistered = false;
function registerFont(): void {
  if (fontRegistered) return;
  const { font } = resourcePaths();
  if (!existsSync(font)) throw new Error(`The font for pictures is missing: ${font}`);
  PImage.registerFont(font, fontFamily).loadSync();
  fontRegistered = true;
}

/** The CSS font of the bundled face at `size` pixels. */
export function plotFont(size: number): string {
  return `${size}px ${fontFamily}`;
}

/** A canvas of the plot size, the font loaded and the background painted. */
export function newPlotCanvas(
  width: number,
  height: number,
): { bitmap: PImage.Bitmap; context: Context2D } {
  registerFont();
  const bitmap = PImage.make(width, height);
  const context = bitmap.getContext('2d');
  context.fillStyle = PLOT_COLOURS.background;
  context.fillRect(0, 0, width, height);
  return { bitmap, context };
}

export function encodePng(bitmap: PImage.Bitmap): Uint8Array {
  const png = new PNG({ width: bitmap.width, height: bitmap.height });
  png.data = Buffer.from(bitmap.data.buffer, bitmap.data.byteOffset, bitmap.data.byteLength);
  return PNG.sync.write(png);
}

/** A title and a dimmer subtitle above the plot area, from its left edge. */
export function drawTitle(context: Context2D, left: number, title: string, subtitle: string): void {
  context.fillStyle = PLOT_COLOURS.text;
  context.font = plotFont(15);
  context.textAlign = 'left';
  context.textBaseline = 'alphabetic';
  context.fillText(title, left, 22);
  context.fillStyle = PLOT_COLOURS.dim;
  context.font = plotFont(11);
  context.fillText(subtitle, left, 38);
}
