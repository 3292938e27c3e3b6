// The time ruler: ticks for the shared view; drag to select the region to transfer, click to
// move the playhead there.
import { useEffect, useRef } from 'react';
import { useEditor } from '../app/editor-context';
import { formatTime, tickStep } from '../lanes/time-ticks';
import { secondsPerPixel, timeAtPixel } from '../lanes/zoom';
import { useSelectionDrag } from './selection-drag';
import { TIMELINE_FOCUS } from './timeline-keys';

export const RULER_HEIGHT = 26;

export function Ruler(): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { view, transport, sessionEnd } = useEditor();
  const drag = useSelectionDrag();

  // As a slider, the ruler's value is the playhead (set here: it moves every frame in playback).
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const show = (time: number): void => {
      canvas.setAttribute('aria-valuenow', time.toFixed(2));
      canvas.setAttribute('aria-valuetext', `Playhead ${formatTime(time, 0.01)}`);
    };
    show(transport.time.get());
    return transport.time.subscribe(show);
  }, [transport]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const draw = (): void => {
      const v = view.get();
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(v.width * ratio);
      canvas.height = Math.round(RULER_HEIGHT * ratio);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, v.width, RULER_HEIGHT);
      const spp = secondsPerPixel(v);
      const step = tickStep(spp);
      context.strokeStyle = '#4a5260';
      context.fillStyle = '#9aa4b2';
      context.font = '11px system-ui, sans-serif';
      const first = Math.ceil(v.start / step) * step;
      for (let t = first; t <= timeAtPixel(v, v.width); t += step) {
        const x = Math.round((t - v.start) / spp) + 0.5;
        context.beginPath();
        context.moveTo(x, RULER_HEIGHT - 10);
        context.lineTo(x, RULER_HEIGHT);
        context.stroke();
        context.fillText(formatTime(t, step), x + 3, RULER_HEIGHT - 12);
        for (let m = 1; m < 5; m++) {
          const xm = Math.round((t + (m * step) / 5 - v.start) / spp) + 0.5;
          context.beginPath();
          context.moveTo(xm, RULER_HEIGHT - 4);
          context.lineTo(xm, RULER_HEIGHT);
          context.stroke();
        }
      }
    };
    draw();
    return view.subscribe(draw);
  }, [view]);

  return (
    <canvas
      ref={canvasRef}
      className="ruler"
      role="slider"
      aria-label="Timeline: drag to select the region to transfer"
      {...TIMELINE_FOCUS}
      aria-valuemin={0}
      aria-valuemax={Number(sessionEnd.toFixed(2))}
      style={{ height: RULER_HEIGHT }}
      {...drag}
    />
  );
}
