// A spectrogram picture a person would want to look at: the dsp image inside time and frequency
// axes, a title and a colour bar in dB. Drawn with pureimage (a canvas in plain JavaScript, so it
// installs on every platform with no native binary) and a bundled font, so the text looks the same
// on every machine, fonts installed or not.
import type { Decibels, Hertz } from '../../shared/units';
import {
  colormapLut,
  columnOfSeconds,
  renderSpectrogram,
  rowOfFrequency,
  type ColormapName,
  type FrequencyAxis,
  type FrequencyScale,
} from '../dsp';
import {
  drawTitle as drawPlotTitle,
  encodePng,
  newPlotCanvas,
  PLOT_COLOURS as colours,
  plotFont as font,
  type Context2D,
} from './plot-canvas';
import { decadeTicks, formatHertz, formatSeconds, niceTicks } from './ticks';

export interface SpectrogramPlotOptions {
  title: string;
  subtitle: string;
  sampleRate: Hertz;
  /** Total pixel size of the picture, axes included. */
  width: number;
  height: number;
  scale: FrequencyScale;
  dbRange: Decibels;
  colormap: ColormapName;
}

export interface SpectrogramData {
  magnitude: Float32Array;
  frames: number;
  bins: number;
  nFft: number;
  hop: number;
}

const margin = { left: 78, right: 104, top: 48, bottom: 56 };

export const minimumPlotSize = {
  width: margin.left + margin.right + 64,
  height: margin.top + margin.bottom + 64,
};

export function plotArea(
  width: number,
  height: number,
): { x: number; y: number; width: number; height: number } {
  return {
    x: margin.left,
    y: margin.top,
    width: width - margin.left - margin.right,
    height: height - margin.top - margin.bottom,
  };
}

/** Tick frequencies a reader expects on each kind of axis. */
export function frequencyTicks(axis: FrequencyAxis, rows: number): number[] {
  const minHz = axis.minHz ?? 0;
  if (axis.scale === 'linear')
    return niceTicks(minHz, axis.maxHz, Math.max(2, Math.floor(rows / 48)));
  const ticks = decadeTicks(Math.max(minHz, 10), axis.maxHz);
  // Keep labels at least 14 px apart, preferring the round 1-and-10 values.
  const kept: number[] = [];
  for (const f of [...ticks].sort((a, b) => Number(!isPowerOfTen(a)) - Number(!isPowerOfTen(b)))) {
    const row = rowOfFrequency(f, axis);
    if (kept.every((k) => Math.abs(rowOfFrequency(k, axis) - row) >= 14)) kept.push(f);
  }
  return kept.sort((a, b) => a - b);
}

function isPowerOfTen(value: number): boolean {
  return Math.abs(Math.log10(value) - Math.round(Math.log10(value))) < 1e-9;
}

export function renderSpectrogramPlot(
  data: SpectrogramData,
  options: SpectrogramPlotOptions,
): Uint8Array {
  const { bitmap, context } = newPlotCanvas(options.width, options.height);

  const area = plotArea(options.width, options.height);
  const image = renderSpectrogram(data.magnitude, data, {
    sampleRate: options.sampleRate,
    width: area.width,
    height: area.height,
    scale: options.scale,
    dbRange: options.dbRange,
    colormap: options.colormap,
  });
  // The image is opaque and axis-aligned: copy its rows straight into the bitmap.
  for (let row = 0; row < image.height; row++) {
    const from = row * image.width * 4;
    bitmap.data.set(
      image.rgba.subarray(from, from + image.width * 4),
      ((area.y + row) * options.width + area.x) * 4,
    );
  }

  const axis: FrequencyAxis = {
    scale: options.scale,
    height: area.height,
    maxHz: options.sampleRate / 2,
  };
  drawPlotTitle(context, margin.left, options.title, options.subtitle);
  drawFrequencyAxis(context, area, axis);
  drawTimeAxis(context, area, data, options.sampleRate);
  drawColourBar(context, area, options);
  return encodePng(bitmap);
}

type Area = ReturnType<typeof plotArea>;

function drawFrequencyAxis(context: Context2D, area: Area, axis: FrequencyAxis): void {
  context.font = font(11);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const hz of frequencyTicks(axis, area.height)) {
    const y = area.y + rowOfFrequency(hz, axis) + 0.5;
    if (y < area.y - 0.5 || y > area.y + area.height + 0.5) continue;
    context.fillStyle = colours.tick;
    context.fillRect(area.x - 5, Math.round(y), 5, 1);
    context.fillStyle = colours.text;
    context.fillText(formatHertz(hz), area.x - 8, y);
  }
  context.save();
  context.translate(16, area.y + area.height / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = 'center';
  context.fillStyle = colours.dim;
  context.font = font(12);
  context.fillText('Frequency (Hz)', 0, 0);
  context.restore();
}

function drawTimeAxis(
  context: Context2D,
  area: Area,
  data: SpectrogramData,
  sampleRate: Hertz,
): void {
  const timeAxis = {
    hop: data.hop,
    sampleRate,
    width: area.width,
    startFrame: 0,
    endFrame: data.frames,
  };
  const duration = (data.frames * data.hop) / sampleRate;
  const ticks = niceTicks(0, duration, Math.max(2, Math.floor(area.width / 90)));
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : duration;
  context.font = font(11);
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const seconds of ticks) {
    const x = area.x + columnOfSeconds(seconds, timeAxis);
    if (x < area.x - 0.5 || x > area.x + area.width + 0.5) continue;
    context.fillStyle = colours.tick;
    context.fillRect(Math.round(x), area.y + area.height, 1, 5);
    context.fillStyle = colours.text;
    context.fillText(formatSeconds(seconds, step), x, area.y + area.height + 8);
  }
  context.fillStyle = colours.dim;
  context.font = font(12);
  context.fillText('Time (s)', area.x + area.width / 2, area.y + area.height + 28);
}

function drawColourBar(context: Context2D, area: Area, options: SpectrogramPlotOptions): void {
  const lut = colormapLut(options.colormap);
  const x = area.x + area.width + 18;
  const barWidth = 14;
  for (let row = 0; row < area.height; row++) {
    const level = Math.round(255 * (1 - row / Math.max(1, area.height - 1)));
    context.fillStyle = `rgb(${lut[level * 4]},${lut[level * 4 + 1]},${lut[level * 4 + 2]})`;
    context.fillRect(x, area.y + row, barWidth, 1);
  }
  context.font = font(11);
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  for (const db of niceTicks(-options.dbRange, 0, Math.max(2, Math.floor(area.height / 40)))) {
    const y = area.y + (-db / options.dbRange) * (area.height - 1);
    context.fillStyle = colours.tick;
    context.fillRect(x + barWidth, Math.round(y), 4, 1);
    context.fillStyle = colours.text;
    context.fillText(`${db === 0 ? 0 : db} dB`, x + barWidth + 7, y);
  }
}
