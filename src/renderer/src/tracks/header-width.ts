// The track headers' width: dragged by the handle at the ruler's corner, kept between sessions.
import { useCallback, useState } from 'react';

export const HEADER_WIDTH = { min: 200, max: 560, initial: 272 } as const;
const STORAGE_KEY = 'timbrefold.headerWidth';

export function clampHeaderWidth(width: number): number {
  return Math.round(Math.min(HEADER_WIDTH.max, Math.max(HEADER_WIDTH.min, width)));
}

function stored(): number {
  const value = Number(globalThis.localStorage?.getItem(STORAGE_KEY));
  return Number.isFinite(value) && value > 0 ? clampHeaderWidth(value) : HEADER_WIDTH.initial;
}

export function useHeaderWidth(): [number, (width: number) => void] {
  const [width, setWidth] = useState(stored);
  const set = useCallback((next: number) => {
    const clamped = clampHeaderWidth(next);
    setWidth(clamped);
    globalThis.localStorage?.setItem(STORAGE_KEY, String(clamped));
  }, []);
  return [width, set];
}
