// A spectrogram lane: 8-bit levels coloured in the page for the part of the session the lanes
// show, redrawn on every zoom, scroll or display change (a canvas, no React re-render).
import { useEffect, useMemo, useRef } from 'react';
import type { SpectrogramLevels } from '../../../shared/ipc-lanes';
import { useEditor } from '../app/editor-context';
import { frequencyTicks } from '../lanes/frequency-ticks';
import { levelColours, paintSpectrogram, rowBins } from '../lanes/spectrogram-paint';
import { secondsPerPixel } from '../lanes/zoom';
import { useSelectionDrag } from './selection-drag';
import { TIMELINE_FOCUS } from './timeline-keys';

interface Props {
  label: string;
  spectrogram: SpectrogramLevels;
  clipStart: number;
  height: number;
  /** The frequency at the lane's top, shared by every lane (default: this clip's Nyquist). */
  maxHz?: number;
}

export function SpectrogramLane({
  label,
  spectrogram,
  clipStart,
  height,
  maxHz,
}: Props): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { view, display } = useEditor();
  const drag = useSelectionDrag();
  const top = Math.max(maxHz ?? 0, spectrogram.sampleRate / 2);
  const rows = useMemo(
    () => rowBins(display.scale, height, spectrogram.nFft, spectrogram.sampleRate, top),
    [display.scale, height, spectrogram.nFft, spectrogram.sampleRate, top],
  );
  const ticks = useMemo(
    () => frequencyTicks(display.scale, top, height),
    [display.scale, top, height],
  );
  const colours = useMemo(
    () => levelColours(display.colormap, display.dbRange, spectrogram.rangeDb),
    [display.colormap, display.dbRange, spectrogram.rangeDb],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    let frame = 0;
    const draw = (): void => {
      frame = 0;
      const v = view.get();
      const width = Math.max(1, Math.round(v.width));
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const image = context.createImageData(width, height);
      paintSpectrogram(
        { width, height, rgba: image.data },
        spectrogram,
        { start: v.start, secondsPerPixel: secondsPerPixel(v), clipStart },
        rows,
        colours,
      );
      context.putImageData(image, 0, 0);
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    draw();
    const off = view.subscribe(schedule);
    return () => {
      off();
      cancelAnimationFrame(frame);
    };
  }, [view, spectrogram, clipStart, rows, colours, height]);

  return (
    <div className="spectrogram-holder">
      <canvas
        className="spectrogram-lane"
        ref={canvasRef}
        role="img"
        aria-label={label}
        height={height}
        {...TIMELINE_FOCUS}
        {...drag}
      />
      <div className="frequency-ruler" aria-label={`Frequency axis of ${label}`}>
        {ticks.map((tick) => (
          <span key={tick.hz} style={{ top: `${tick.position * 100}%` }}>
            {tick.label}
          </span>
        ))}
      </div>
    </div>
  );
}
