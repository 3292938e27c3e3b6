// Line charts side by side, each with its own y axis (linear or logarithmic) over a shared x
// axis: seed 001's curves (loss terms on a log scale, the content correlation beside them).
import { GROUP_COLOURS, drawTicks, paddedRange } from './scatter-plot';
import { drawTitle, encodePng, newPlotCanvas, PLOT_COLOURS, plotFont } from './plot-canvas';
import { decadeTicks, niceTicks } from './ticks';

export interface LineSeries {
  name: string;
  /** y at x = 1, 2, 3 ...; null: no value there (the line breaks). */
  values: readonly (number | null)[];
}

export interface LinePanel {
  title: string;
  yLabel: string;
  /** Logarithmic y axis (values at or below 0 are left out). */
  log: boolean;
  series: readonly LineSeries[];
}

export interface LinePlotOptions {
  title: string;
  subtitle: string;
  xLabel: string;
  width: number;
  height: number;
}

const margin = { left: 70, right: 24, top: 76, bottom: 56, gap: 80 };

export function renderLinePlot(panels: readonly LinePanel[], options: LinePlotOptions): Uint8Array {
  const { bitmap, context } = newPlotCanvas(options.width, options.height);
  drawTitle(context, margin.left, options.title, options.subtitle);
  const panelWidth =
    (options.width - margin.left - margin.right - margin.gap * (panels.length - 1)) / panels.length;
  const points = Math.max(1, ...panels.flatMap((p) => p.series.map((s) => s.values.length)));
  let colour = 0;
  panels.forEach((panel, i) => {
    const area = {
      x: Math.round(margin.left + i * (panelWidth + margin.gap)),
      y: margin.top,
      width: Math.round(panelWidth),
      height: options.height - margin.top - margin.bottom,
    };
    const shown = (v: number | null): v is number =>
      v !== null && Number.isFinite(v) && (!panel.log || v > 0);
    const values = panel.series.flatMap((s) => s.values.filter(shown));
    const scale = (v: number): number => (panel.log ? Math.log10(v) : v);
    const [y0, y1] = values.length > 0 ? paddedRange(values.map(scale)) : [0, 1];
    const column = (x: number): number =>
      area.x + (points > 1 ? ((x - 1) / (points - 1)) * area.width : area.width / 2);
    const row = (v: number): number =>
      area.y + area.height - ((scale(v) - y0) / (y1 - y0)) * area.height;

    context.strokeStyle = PLOT_COLOURS.tick;
    context.lineWidth = 1;
    context.strokeRect(area.x, area.y, area.width, area.height);
    context.fillStyle = PLOT_COLOURS.text;
    context.font = plotFont(12);
    context.textAlign = 'left';
    context.textBaseline = 'alphabetic';
    context.fillText(panel.title, area.x, area.y - 10);
    // Iterations are whole numbers.
    drawTicks(context, area, niceTicks(1, points, 6).filter(Number.isInteger), column, 'x');
    const yTicks = panel.log
      ? decadeTicks(10 ** y0, 10 ** y1).filter((v) => v >= 10 ** y0 && v <= 10 ** y1)
      : niceTicks(y0, y1, 5);
    drawTicks(context, area, yTicks.length > 0 ? yTicks : [10 ** y0], row, 'y', (v) =>
      panel.log ? v.toExponential(0) : String(Number(v.toPrecision(6))),
    );
    context.fillStyle = PLOT_COLOURS.dim;
    context.font = plotFont(12);
    context.textAlign = 'center';
    context.textBaseline = 'top';
    context.fillText(options.xLabel, area.x + area.width / 2, area.y + area.height + 28);
    context.save();
    context.translate(area.x - 56, area.y + area.height / 2);
    context.rotate(-Math.PI / 2);
    context.fillText(panel.yLabel, 0, 0);
    context.restore();

    for (const series of panel.series) {
      const hue = GROUP_COLOURS[colour++ % GROUP_COLOURS.length]!;
      context.strokeStyle = hue;
      context.lineWidth = 2;
      let drawing = false;
      context.beginPath();
      series.values.forEach((v, n) => {
        if (!shown(v)) {
          drawing = false;
          return;
        }
        if (drawing) context.lineTo(column(n + 1), row(v));
        else context.moveTo(column(n + 1), row(v));
        drawing = true;
      });
      context.stroke();
      // The legend, top right inside the panel.
      const legendRow = area.y + 12 + panel.series.indexOf(series) * 16;
      context.fillStyle = hue;
      context.fillRect(area.x + area.width - 110, legendRow - 4, 14, 3);
      context.fillStyle = PLOT_COLOURS.text;
      context.font = plotFont(11);
      context.textAlign = 'left';
      context.textBaseline = 'middle';
      context.fillText(series.name, area.x + area.width - 90, legendRow);
    }
  });
  return encodePng(bitmap);
}
