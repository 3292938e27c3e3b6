// The multitrack area: ruler, one row per track, rows for running transfers, and the overlay.
// Its lanes column sets the shared view's width (a fitted view stays fitted when it changes);
// Ctrl+wheel zooms around the pointer, a sideways wheel (or Shift+wheel) scrolls the timeline,
// and a new result is scrolled into view.
import { useEffect, useRef } from 'react';
import type { JobSnapshot } from '../../../shared/ipc-jobs';
import type { ProjectSnapshot } from '../../../shared/ipc-project';
import { useEditor } from '../app/editor-context';
import {
  clampView,
  fitView,
  pixelAtTime,
  secondsPerPixel,
  timeAtPixel,
  zoomAround,
} from '../lanes/zoom';
import { HeaderResizer } from './HeaderResizer';
import { useHeaderWidth } from './header-width';
import { LanesOverlay } from './LanesOverlay';
import { TimelineScrollbar } from './TimelineScrollbar';
import { PreviewRow } from './PreviewRow';
import { Ruler } from './Ruler';
import { TrackRow } from './TrackRow';
import { useTimelineKeys } from './timeline-keys';

interface Props {
  project: ProjectSnapshot;
  running: JobSnapshot[];
  /** Tracks shown dimmed (muted, or not the one heard in A/B). */
  dimmed: Set<string>;
  onDropFiles: (files: File[]) => void;
  /** Blind listening test: the tracks are hidden. */
  blind: boolean;
}

export function TrackList({
  project,
  running,
  dimmed,
  onDropFiles,
  blind,
}: Props): React.JSX.Element {
  const lanesRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const { view, sessionEnd } = useEditor();
  const [headerWidth, setHeaderWidth] = useHeaderWidth();

  useEffect(() => {
    const element = lanesRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      const width = Math.max(1, Math.floor(element.getBoundingClientRect().width));
      view.update((v) => {
        if (v.width === width) return v;
        // A view fitted to the session stays fitted (Fit survives a resize).
        const fitted = fitView(sessionEnd, v.width);
        if (v.start === 0 && v.scale === fitted.scale) return fitView(sessionEnd, width);
        return clampView({ ...v, width }, sessionEnd);
      });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [view, sessionEnd]);

  // A native listener: React's wheel handlers are passive and cannot stop the page scrolling.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const onWheel = (event: WheelEvent): void => {
      const rect = lanesRef.current?.getBoundingClientRect();
      if (!rect) return;
      const v = view.get();
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        const anchor = timeAtPixel(v, event.clientX - rect.left);
        view.set(zoomAround(v, event.deltaY < 0 ? 1.25 : 0.8, anchor, sessionEnd));
        return;
      }
      const sideways = event.shiftKey ? event.deltaY : event.deltaX;
      if (sideways === 0 || (!event.shiftKey && Math.abs(event.deltaX) < Math.abs(event.deltaY)))
        return;
      event.preventDefault();
      const pixels = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? sideways * 16 : sideways;
      view.set(clampView({ ...v, start: v.start + pixels * secondsPerPixel(v) }, sessionEnd));
    };
    list.addEventListener('wheel', onWheel, { passive: false });
    return () => list.removeEventListener('wheel', onWheel);
  }, [view, sessionEnd]);

  const { tracks } = project.document;
  // A result that just arrived: bring its row into view and its clip onto the screen.
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    const before = known.current;
    known.current = new Set(tracks.map((t) => t.id));
    if (!before) return;
    const arrived = tracks.find((t) => t.role === 'result' && !before.has(t.id));
    if (!arrived) return;
    listRef.current
      ?.querySelector(`[data-track-id="${arrived.id}"]`)
      ?.scrollIntoView({ block: 'nearest' });
    const v = view.get();
    const x = pixelAtTime(v, arrived.clip.start);
    if (x < 0 || x > v.width) view.set(clampView({ ...v, start: arrived.clip.start }, sessionEnd));
  }, [tracks, view, sessionEnd]);

  const topHz = Math.max(0, ...tracks.map((t) => t.clip.sampleRate / 2));
  const onTimelineKey = useTimelineKeys();
  return (
    <div
      className="track-list"
      ref={listRef}
      style={{ '--header-width': `${headerWidth}px` } as React.CSSProperties}
      onKeyDown={onTimelineKey}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        onDropFiles([...e.dataTransfer.files]);
      }}
    >
      <div className="ruler-row">
        <div className="ruler-corner">
          <HeaderResizer width={headerWidth} onResize={setHeaderWidth} />
        </div>
        <div className="ruler-holder" ref={lanesRef}>
          <Ruler />
          <TimelineScrollbar />
        </div>
      </div>
      <div className="track-rows">
        {tracks.length === 0 && running.length === 0 && (
          <div className="empty-session">
            <p>Drop audio files here, or use Import audio.</p>
            <p className="hint">
              The first file becomes the content; the next ones are styles. WAV is read by the app;
              MP3, FLAC, OGG and M4A are decoded here.
            </p>
          </div>
        )}
        {tracks.map((track, index) => (
          <TrackRow
            key={track.id}
            track={track}
            index={index}
            count={tracks.length}
            mediaUrl={project.media[track.clip.id]}
            missing={project.missing.includes(track.clip.id)}
            dimmed={dimmed.has(track.id)}
            topHz={topHz}
          />
        ))}
        {running.map((job) => (
          <PreviewRow key={job.id} job={job} />
        ))}
        <LanesOverlay selection={project.document.selection} />
        {blind && (
          <div className="blind-curtain">
            <p>
              Blind test: the tracks are hidden so you cannot tell which sound is which.
              <br />
              Listen with the number keys and rate each result from 1 to 5.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
