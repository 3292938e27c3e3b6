// The shared view of every lane: the session time at the left edge and the zoom, in whole
// PEAKS_TIMEBASE samples per pixel (the unit peaks.js zooms in), so waveform and spectrogram
// lanes of any clip line up pixel for pixel.
import { PEAKS_TIMEBASE } from '../../../shared/ipc-lanes';
import type { Seconds } from '../../../shared/units';

export interface LaneView {
  /** Session time at the left edge. */
  start: Seconds;
  /** PEAKS_TIMEBASE samples per pixel (integer, at least MIN_SCALE). */
  scale: number;
  /** Lane width in CSS pixels. */
  width: number;
}

/** Deepest zoom: 1 ms per pixel (the resolution of the peaks). */
export const MIN_SCALE = PEAKS_TIMEBASE / 1000;
export const MAX_SCALE = PEAKS_TIMEBASE * 60;

export function secondsPerPixel(view: Pick<LaneView, 'scale'>): Seconds {
  return view.scale / PEAKS_TIMEBASE;
}

export function visibleSeconds(view: LaneView): Seconds {
  return view.width * secondsPerPixel(view);
}

export function timeAtPixel(view: LaneView, x: number): Seconds {
  return view.start + x * secondsPerPixel(view);
}

export function pixelAtTime(view: LaneView, time: Seconds): number {
  return (time - view.start) / secondsPerPixel(view);
}

function clampScale(scale: number): number {
  return Math.max(MIN_SCALE, Math.min(MAX_SCALE, Math.round(scale)));
}

/** Keeps the view inside [0, duration] where it can, on whole pixels. */
export function clampView(view: LaneView, duration: Seconds): LaneView {
  const scale = clampScale(view.scale);
  const spp = scale / PEAKS_TIMEBASE;
  const maxStart = Math.max(0, duration - view.width * spp);
  const start = Math.round(Math.max(0, Math.min(maxStart, view.start)) / spp) * spp;
  return { start, scale, width: view.width };
}

/** The whole session in the lane width. */
export function fitView(duration: Seconds, width: number): LaneView {
  const scale = clampScale(
    Math.ceil((Math.max(duration, 0.5) * PEAKS_TIMEBASE) / Math.max(1, width)),
  );
  return { start: 0, scale, width };
}

/** Zooms by `factor` (> 1 zooms in) keeping `anchor` (session time) where it is on screen. */
export function zoomAround(
  view: LaneView,
  factor: number,
  anchor: Seconds,
  duration: Seconds,
): LaneView {
  const scale = clampScale(view.scale / factor);
  const x = pixelAtTime(view, anchor);
  const start = anchor - x * (scale / PEAKS_TIMEBASE);
  return clampView({ start, scale, width: view.width }, duration);
}
