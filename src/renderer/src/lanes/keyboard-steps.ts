// Where the arrow keys move the playhead: one minor tick of the ruler, on the tick grid.
import type { Seconds } from '../../../shared/units';
import { tickStep } from './time-ticks';

/** The ruler's minor tick at this zoom: five to a labelled step. */
export function arrowStep(secondsPerPixel: Seconds): Seconds {
  return tickStep(secondsPerPixel) / 5;
}

/** One step from `time` toward `direction`, snapped to the step grid, kept in [0, end]. */
export function steppedTime(
  time: Seconds,
  direction: 1 | -1,
  step: Seconds,
  end: Seconds,
): Seconds {
  const index = time / step;
  const next =
    direction > 0 ? Math.floor(index + 1e-6) * step + step : Math.ceil(index - 1e-6) * step - step;
  return Math.max(0, Math.min(end, Number(next.toFixed(9))));
}
