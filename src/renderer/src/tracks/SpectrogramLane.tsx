// A spectrogram lane: 8-bit levels coloured in the page for the part of the session the lanes
// show, redrawn on every zoom, scroll or display change (a canvas, no React re-render).
import { useEffect, useMemo, useRef } from 'react';
import type { SpectrogramLevels } from '../../../shared/ipc-lanes';
import { useEditor } from '../app/editor-context';
import { levelColours, paintSpectrogram, rowBins } from '../lanes/spectrogram-paint';
import { secondsPerPixel } from '../lanes/zoom';
import { useSelectionDrag } from './selection-drag';
import { TIMELINE_FOCUS } from './timeline-keys';

interface Props {
  label: string;
  spectrogram: SpectrogramLevels;
  clipStart: number;
  height: number;
}

export function SpectrogramLane({
  label,
  spectrogram,
  clipStart,
  height,
}: Props): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { view, display } = useEditor();
  const drag = useSelectionDrag();
  const rows = useMemo(
    () => rowBins(display.scale, height, spectrogram.nFft, spectrogram.sampleRate),
    [display.scale, height, spectrogram.nFft, spectrogram.sampleRate],
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
    <canvas
      className="spectrogram-lane"
      ref={canvasRef}
      role="img"
      aria-label={label}
      height={height}
      {...TIMELINE_FOCUS}
      {...drag}
    />
  );
}
