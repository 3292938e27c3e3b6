// The timeline's scrollbar: the whole session as a bar, the part the lanes show as its thumb.
// Drag the thumb to scroll, click the bar to jump there; arrows and Page keys scroll from the keyboard.
import { useEffect, useRef, useState } from 'react';
import { useEditor } from '../app/editor-context';
import { clampView, visibleSeconds, type LaneView } from '../lanes/zoom';

export function TimelineScrollbar(): React.JSX.Element | null {
  const { view, sessionEnd } = useEditor();
  const [v, setV] = useState<LaneView>(() => view.get());
  const barRef = useRef<HTMLDivElement>(null);
  useEffect(() => view.subscribe(() => setV(view.get())), [view]);

  const total = Math.max(sessionEnd, visibleSeconds(v), 1e-6);
  const shown = Math.min(1, visibleSeconds(v) / total);
  const left = Math.min(1 - shown, v.start / total);
  const scrollTo = (start: number): void =>
    view.set(clampView({ ...view.get(), start }, sessionEnd));

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>): void => {
    const bar = barRef.current;
    if (!bar) return;
    const rect = bar.getBoundingClientRect();
    const secondsAt = (x: number): number => ((x - rect.left) / rect.width) * total;
    const onThumb = event.target !== bar;
    // On the thumb: keep the grip point under the pointer; on the bar: centre the view there.
    const grip = onThumb ? secondsAt(event.clientX) - view.get().start : visibleSeconds(v) / 2;
    if (!onThumb) scrollTo(secondsAt(event.clientX) - grip);
    bar.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent): void => scrollTo(secondsAt(e.clientX) - grip);
    const up = (): void => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
  };

  const onKeyDown = (event: React.KeyboardEvent): void => {
    const page = visibleSeconds(v);
    const step = { ArrowLeft: -page / 10, ArrowRight: page / 10, PageUp: -page, PageDown: page }[
      event.key
    ];
    if (step === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    scrollTo(v.start + step);
  };

  return (
    <div
      className="timeline-scrollbar"
      ref={barRef}
      role="scrollbar"
      aria-label="Timeline scrollbar"
      aria-orientation="horizontal"
      aria-valuemin={0}
      aria-valuemax={Math.round(Math.max(0, total - visibleSeconds(v)) * 100) / 100}
      aria-valuenow={Math.round(v.start * 100) / 100}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    >
      <div
        className="timeline-scrollbar-thumb"
        style={{ left: `${left * 100}%`, width: `${Math.max(shown * 100, 2)}%` }}
      />
    </div>
  );
}
