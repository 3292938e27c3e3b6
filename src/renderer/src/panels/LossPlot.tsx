// Loss against iteration on a log scale, one line per loss term (seed 001's progress plot).
import { useEffect, useRef } from 'react';
import type { LossPoint } from '../../../shared/ipc-jobs';
import { decadeTicks, formatNumber } from '../state/log-scale';

const TERMS = [
  { key: 'total', colour: '#e5e7eb' },
  { key: 'content', colour: '#5fb3d9' },
  { key: 'style', colour: '#d9a25f' },
] as const;

export function LossPlot({
  name,
  losses,
}: {
  name: string;
  losses: LossPoint[];
}): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    // A fixed drawing size (the side panel's width), scaled by CSS: no re-layout can stretch it.
    const width = 312;
    const height = 110;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const values = losses
      .flatMap((l) => TERMS.map((t) => l[t.key]))
      .filter((v) => v > 0 && Number.isFinite(v));
    if (values.length === 0) return;
    const ticks = decadeTicks(Math.min(...values), Math.max(...values));
    const lo = Math.log10(ticks[0]!);
    const hi = Math.log10(ticks.at(-1)!);
    const left = 34;
    const plotWidth = width - left - 4;
    const plotHeight = height - 14;
    const firstIteration = Math.min(...losses.map((l) => l.iteration));
    const maxIteration = Math.max(firstIteration + 1, ...losses.map((l) => l.iteration));
    const y = (v: number): number => 4 + (plotHeight - 4) * (1 - (Math.log10(v) - lo) / (hi - lo));
    const x = (i: number): number =>
      left + (plotWidth * (i - firstIteration)) / (maxIteration - firstIteration);
    context.font = '10px system-ui, sans-serif';
    context.fillStyle = '#8b93a1';
    context.strokeStyle = '#2c313a';
    // At most five labelled decades; the others get a grid line only.
    const every = Math.ceil(ticks.length / 5);
    ticks.forEach((tick, i) => {
      context.beginPath();
      context.moveTo(left, y(tick));
      context.lineTo(width - 4, y(tick));
      context.stroke();
      if (i % every === 0) context.fillText(formatNumber(tick), 2, y(tick) + 3);
    });
    context.fillText(`iteration ${maxIteration}`, width - 80, height - 2);
    for (const term of TERMS) {
      context.strokeStyle = term.colour;
      context.lineWidth = 1.5;
      context.beginPath();
      let started = false;
      for (const point of losses) {
        const v = point[term.key];
        if (!(v > 0)) continue;
        if (started) context.lineTo(x(point.iteration), y(v));
        else context.moveTo(x(point.iteration), y(v));
        started = true;
      }
      context.stroke();
      const last = losses.at(-1);
      if (last && last[term.key] > 0) {
        context.fillStyle = term.colour;
        context.fillRect(x(last.iteration) - 1.5, y(last[term.key]) - 1.5, 3, 3);
      }
    }
  }, [losses]);
  const last = losses.at(-1);
  return (
    <figure className="loss-plot">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`Loss plot of ${name}`}
        style={{ height: 110, aspectRatio: '312 / 110' }}
      />
      <figcaption>
        {TERMS.map((t) => (
          <span key={t.key} style={{ color: t.colour }}>
            {t.key} {last ? formatNumber(last[t.key]) : '–'}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
