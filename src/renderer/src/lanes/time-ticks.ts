// Ruler ticks: a step of 1, 2 or 5 times a power of ten that puts labels about 80 px apart.
import type { Seconds } from '../../../shared/units';

export function tickStep(secondsPerPixel: Seconds, minPixels = 80): Seconds {
  const wanted = secondsPerPixel * minPixels;
  const power = 10 ** Math.floor(Math.log10(wanted));
  for (const m of [1, 2, 5, 10]) if (m * power >= wanted) return m * power;
  return 10 * power;
}

export function formatTime(seconds: Seconds, step: Seconds = 1): string {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  const minutes = Math.floor(s / 60);
  const rest = s - minutes * 60;
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
  const text = rest.toFixed(decimals).padStart(decimals ? 3 + decimals : 2, '0');
  return `${sign}${minutes}:${text}`;
}
