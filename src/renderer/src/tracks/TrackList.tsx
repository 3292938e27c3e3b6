// The multitrack area: ruler, one row per track, rows for running transfers, and the overlay.
// Its lanes column sets the shared view's width; Ctrl+wheel zooms around the pointer.
import { useEffect, useRef } from 'react';
import type { JobSnapshot } from '../../../shared/ipc-jobs';
import type { ProjectSnapshot } from '../../../shared/ipc-project';
import { useEditor } from '../app/editor-context';
import { clampView, timeAtPixel, zoomAround } from '../lanes/zoom';
import { LanesOverlay } from './LanesOverlay';
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
  const { view, sessionEnd } = useEditor();

  useEffect(() => {
    const element = lanesRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      const width = Math.max(1, Math.floor(element.getBoundingClientRect().width));
      view.update((v) => (v.width === width ? v : clampView({ ...v, width }, sessionEnd)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [view, sessionEnd]);

  const onWheel = (event: React.WheelEvent): void => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    const rect = lanesRef.current?.getBoundingClientRect();
    if (!rect) return;
    const v = view.get();
    const anchor = timeAtPixel(v, event.clientX - rect.left);
    view.set(zoomAround(v, event.deltaY < 0 ? 1.25 : 0.8, anchor, sessionEnd));
  };

  const { tracks } = project.document;
  const onTimelineKey = useTimelineKeys(project.document.selection);
  return (
    <div
      className="track-list"
      onWheel={onWheel}
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
        <div className="ruler-corner" />
        <div className="ruler-holder" ref={lanesRef}>
          <Ruler />
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
        {tracks.map((track) => (
          <TrackRow
            key={track.id}
            track={track}
            mediaUrl={project.media[track.clip.id]}
            missing={project.missing.includes(track.clip.id)}
            dimmed={dimmed.has(track.id)}
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
