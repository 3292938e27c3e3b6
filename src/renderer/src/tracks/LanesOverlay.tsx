// Drawn over every lane: the playhead and the time selection (the region a transfer uses).
import { useEffect, useRef } from 'react';
import type { TimeSelection } from '../../../shared/ipc-project';
import { useEditor } from '../app/editor-context';
import { pixelAtTime } from '../lanes/zoom';
import { draggedSelection } from './selection-drag';

export function LanesOverlay({
  selection,
}: {
  selection: TimeSelection | null;
}): React.JSX.Element {
  const playheadRef = useRef<HTMLDivElement>(null);
  const selectionRef = useRef<HTMLDivElement>(null);
  const { view, transport } = useEditor();

  useEffect(() => {
    const place = (): void => {
      const v = view.get();
      const playhead = playheadRef.current;
      if (playhead) {
        const x = pixelAtTime(v, transport.time.get());
        playhead.style.transform = `translateX(${x}px)`;
        playhead.style.display = x >= 0 && x <= v.width ? 'block' : 'none';
      }
      const band = selectionRef.current;
      const shown = draggedSelection.get() ?? selection;
      if (band) {
        if (!shown) band.style.display = 'none';
        else {
          const left = Math.max(0, pixelAtTime(v, shown.start));
          const right = Math.min(v.width, pixelAtTime(v, shown.end));
          band.style.display = right > left ? 'block' : 'none';
          band.style.left = `${left}px`;
          band.style.width = `${right - left}px`;
        }
      }
    };
    place();
    const offs = [
      view.subscribe(place),
      transport.time.subscribe(place),
      draggedSelection.subscribe(place),
    ];
    return () => offs.forEach((off) => off());
  }, [view, transport, selection]);

  return (
    <div className="lanes-overlay" aria-hidden>
      <div className="selection-band" ref={selectionRef} />
      <div className="playhead" ref={playheadRef} />
    </div>
  );
}
