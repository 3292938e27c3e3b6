// A track's waveform lane: peaks.js zoom view and overview, kept on the shared lane view (zoom
// and scroll in sync with every other lane) and on the shared transport's playhead.
import Peaks, { type PeaksInstance } from 'peaks.js';
import { useEffect, useRef } from 'react';
import type { WaveformPeaks } from '../../../shared/ipc-lanes';
import { useEditor } from '../app/editor-context';
import { padPeaks } from '../lanes/peaks-padding';
import { peaksPlayer } from '../lanes/peaks-player';
import { MIN_SCALE, secondsPerPixel, type LaneView } from '../lanes/zoom';
import { TIMELINE_FOCUS } from './timeline-keys';

interface Props {
  name: string;
  peaks: WaveformPeaks;
  clipStart: number;
  colour: string;
}

export function WaveformLane({ name, peaks, clipStart, colour }: Props): React.JSX.Element {
  const overviewRef = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<HTMLDivElement>(null);
  const { transport, view, sessionEnd } = useEditor();

  useEffect(() => {
    const zoomContainer = zoomRef.current;
    const overviewContainer = overviewRef.current;
    if (!zoomContainer || !overviewContainer) return;
    let instance: PeaksInstance | undefined;
    let disposed = false;
    let applying = false;
    let lastScale = 0;
    const cleanups: (() => void)[] = [];
    const apply = (v: LaneView): void => {
      const zoomview = instance?.views.getView('zoomview');
      if (!zoomview) return;
      applying = true;
      try {
        if (v.scale !== lastScale) {
          zoomview.setZoom({ scale: v.scale });
          lastScale = v.scale;
        }
        if (Math.abs(zoomview.getStartTime() - v.start) > secondsPerPixel(v) / 2)
          zoomview.setStartTime(v.start);
      } finally {
        applying = false;
      }
    };
    Peaks.init(
      {
        zoomview: {
          container: zoomContainer,
          waveformColor: colour,
          playheadColor: '#f5f5f5',
          axisGridlineColor: '#2c313a',
          axisLabelColor: '#8b93a1',
          showAxisLabels: false,
          // The track list scrolls every lane at once (TrackList's wheel handler).
          wheelMode: 'none',
          autoScroll: true,
        },
        overview: {
          container: overviewContainer,
          waveformColor: '#4b5563',
          playheadColor: '#f5f5f5',
          highlightColor: '#9aa4b2',
          highlightOpacity: 0.25,
          axisGridlineColor: '#22262d',
          axisLabelColor: '#5b6370',
          showAxisLabels: false,
        },
        waveformData: { arraybuffer: padPeaks(peaks.data, clipStart, sessionEnd) },
        player: peaksPlayer(transport),
        keyboard: false,
        zoomLevels: [MIN_SCALE],
        logger: () => undefined,
      },
      (error, created) => {
        if (error) console.error(`The waveform of ${name} could not be drawn: ${error.message}`);
        if (disposed || error || !created) {
          created?.destroy();
          return;
        }
        instance = created;
        apply(view.get());
        cleanups.push(view.subscribe(apply));
        const onUpdate = ({ startTime }: { startTime: number }): void => {
          if (applying) return;
          view.update((v) =>
            Math.abs(v.start - startTime) > secondsPerPixel(v) / 2 ? { ...v, start: startTime } : v,
          );
        };
        created.on('zoomview.update', onUpdate);
        cleanups.push(() => created.off('zoomview.update', onUpdate));
        const resize = new ResizeObserver(() => {
          created.views.getView('zoomview')?.fitToContainer();
          created.views.getView('overview')?.fitToContainer();
          apply(view.get());
        });
        resize.observe(zoomContainer);
        cleanups.push(() => resize.disconnect());
      },
    );
    return () => {
      disposed = true;
      for (const cleanup of cleanups) cleanup();
      instance?.destroy();
    };
  }, [peaks, clipStart, sessionEnd, colour, transport, view]);

  return (
    <div
      className="waveform-lane"
      role="img"
      aria-label={`Waveform of ${name}`}
      {...TIMELINE_FOCUS}
    >
      <div className="overview" ref={overviewRef} />
      <div className="zoomview" ref={zoomRef} />
    </div>
  );
}
