// Time axis of a spectrogram picture. Positions along the frame axis are continuous: frame t
// occupies [t, t + 1), and its centre t + 0.5 is the moment the frame is centred on
// (t * hop samples for centred frames, t * hop + nFft / 2 for uncentred ones).
import type { Frames, Hertz, Samples, Seconds } from '../../shared/units';

export interface FrameTiming {
  hop: Samples;
  sampleRate: Hertz;
  /** Frames centred on t * hop (default true). */
  center?: boolean;
  /** Needed for uncentred frames, which are centred nFft / 2 later. */
  nFft?: Samples;
}

export interface TimeAxis extends FrameTiming {
  /** Pixel columns. */
  width: number;
  /** Frame-axis positions at the left and right edges of the picture. */
  startFrame: Frames;
  endFrame: Frames;
}

function offsetSamples(timing: FrameTiming): Samples {
  return timing.center === false ? (timing.nFft ?? 0) / 2 : 0;
}

/** Seconds at a (fractional) position on the frame axis. */
export function secondsOfFrame(frame: Frames, timing: FrameTiming): Seconds {
  return ((frame - 0.5) * timing.hop + offsetSamples(timing)) / timing.sampleRate;
}

/** Position on the frame axis of a moment: use it to turn a visible time range into start/endFrame. */
export function frameOfSeconds(seconds: Seconds, timing: FrameTiming): Frames {
  return (seconds * timing.sampleRate - offsetSamples(timing)) / timing.hop + 0.5;
}

/** Seconds at (fractional) pixel column `column`; integer columns give the column's centre. */
export function secondsOfColumn(column: number, axis: TimeAxis): Seconds {
  const framesPerColumn = (axis.endFrame - axis.startFrame) / axis.width;
  return secondsOfFrame(axis.startFrame + (column + 0.5) * framesPerColumn, axis);
}

/** Fractional pixel column of a moment: the inverse of `secondsOfColumn`. */
export function columnOfSeconds(seconds: Seconds, axis: TimeAxis): number {
  const framesPerColumn = (axis.endFrame - axis.startFrame) / axis.width;
  return (frameOfSeconds(seconds, axis) - axis.startFrame) / framesPerColumn - 0.5;
}
