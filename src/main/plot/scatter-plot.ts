// A labelled scatter plot: points coloured by group, a legend of the groups, axes with ticks.
// Seed 000's figure 3 (the clips of each class in a 2-D map of a classifier's features).
import {
  drawTitle,
  encodePng,
  newPlotCanvas,
  PLOT_COLOURS,
  plotFont,
  type Context2D,
} from './plot-canvas';
import { niceTicks } from './ticks';

export interface ScatterPoint {
  x: number;
  y: number;
  /** Index into the groups. */
  group: number;
}

export interface ScatterPlotOptions {
  title: string;
  subtitle: string;
  xLabel: string;
  yLabel: string;
  groups: readonly string[];
  width: number;
  height: number;
}

/** Tableau's ten categorical colours, readable on the dark background; groups beyond ten repeat. */
export const GROUP_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

const margin = { left: 70, right: 170, top: 56, bottom: 56 };

export const minimumScatterSize = {
  width: margin.left + margin.right + 80,
  height: margin.top + margin.bottom + 80,
};

/** The range of values with a 5 % margin on each side (a single value gets +-1). */
export function paddedRange(values: readonly number[]): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = max > min ? (max - min) * 0.05 : 1;
  return [min - pad, max + pad];
}

export function renderScatterPlot(
  points: readonly ScatterPoint[],
  options: ScatterPlotOptions,
): Uint8Array {
  const { bitmap, context } = newPlotCanvas(options.width, options.height);
  const area = {
    x: margin.left,
    y: margin.top,
    width: options.width - margin.left - margin.right,
    height: options.height - margin.top - margin.bottom,
  };
  const [x0, x1] = paddedRange(points.map((p) => p.x));
  const [y0, y1] = paddedRange(points.map((p) => p.y));
  const column = (x: number): number => area.x + ((x - x0) / (x1 - x0)) * area.width;
  const row = (y: number): number => area.y + area.height - ((y - y0) / (y1 - y0)) * area.height;

  drawTitle(context, margin.left, options.title, options.subtitle);
  context.strokeStyle = PLOT_COLOURS.tick;
  context.lineWidth = 1;
  context.strokeRect(area.x, area.y, area.width, area.height);
  drawTicks(context, area, niceTicks(x0, x1, 6), column, 'x');
  drawTicks(context, area, niceTicks(y0, y1, 5), row, 'y');
  context.fillStyle = PLOT_COLOURS.dim;
  context.font = plotFont(12);
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.fillText(options.xLabel, area.x + area.width / 2, area.y + area.height + 28);
  context.save();
  context.translate(16, area.y + area.height / 2);
  context.rotate(-Math.PI / 2);
  context.fillText(options.yLabel, 0, 0);
  context.restore();

  for (const p of points) {
    context.fillStyle = GROUP_COLOURS[p.group % GROUP_COLOURS.length]!;
    context.beginPath();
    context.arc(column(p.x), row(p.y), 5, 0, 2 * Math.PI);
    context.closePath();
    context.fill();
  }

  // The legend: one swatch and name per group, right of the plot.
  context.font = plotFont(12);
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  options.groups.forEach((name, g) => {
    const y = area.y + 10 + g * 20;
    context.fillStyle = GROUP_COLOURS[g % GROUP_COLOURS.length]!;
    context.fillRect(area.x + area.width + 16, y - 5, 10, 10);
    context.fillStyle = PLOT_COLOURS.text;
    context.fillText(name, area.x + area.width + 32, y);
  });
  return encodePng(bitmap);
}

type Area = { x: number; y: number; width: number; height: number };

/** Tick marks and labels along the bottom (x) or left (y) edge of the area. */
export function drawTicks(
  context: Context2D,
  area: Area,
  ticks: readonly number[],
  place: (value: number) => number,
  axis: 'x' | 'y',
  label: (value: number) => string = (v) => String(Number(v.toPrecision(6))),
): void {
  context.font = plotFont(11);
  for (const value of ticks) {
    const at = place(value);
    context.fillStyle = PLOT_COLOURS.tick;
    if (axis === 'x') {
      if (at < area.x - 0.5 || at > area.x + area.width + 0.5) continue;
      context.fillRect(Math.round(at), area.y + area.height, 1, 5);
      context.fillStyle = PLOT_COLOURS.text;
      context.textAlign = 'center';
      context.textBaseline = 'top';
      context.fillText(label(value), at, area.y + area.height + 8);
    } else {
      if (at < area.y - 0.5 || at > area.y + area.height + 0.5) continue;
      context.fillRect(area.x - 5, Math.round(at), 5, 1);
      context.fillStyle = PLOT_COLOURS.text;
      context.textAlign = 'right';
      context.textBaseline = 'middle';
      context.fillText(label(value), area.x - 8, at);
    }
  }
}
