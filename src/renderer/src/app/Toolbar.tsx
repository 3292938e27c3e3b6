// The top bar: project, import and record, undo/redo, transport, zoom, spectrogram display, export.
import type { SpectrogramView } from '../../../shared/ipc-lanes';
import type { ProjectSnapshot } from '../../../shared/ipc-project';
import { COLORMAPS } from '../../../shared/colormap';
import { formatTime } from '../lanes/time-ticks';
import { useStore } from '../state/store';
import { useEditor } from './editor-context';
import type { Command } from './commands';
import { recentLabel } from './recent-label';
import { useRecentProjects } from './recent';

interface Props {
  project: ProjectSnapshot;
  recording: boolean;
  onCommand: (command: Command) => void;
  onOpenRecent: (folder: string) => void;
  onDisplay: (display: SpectrogramView) => void;
  /** Whether the Models panel is open, and its toggle. */
  modelsOpen: boolean;
  onToggleModels: () => void;
  /** Whether the Evaluation panel is open, and its toggle. */
  evaluationOpen: boolean;
  onToggleEvaluation: () => void;
}

function Clock(): React.JSX.Element {
  const { transport } = useEditor();
  const time = useStore(transport.time);
  return (
    <output className="clock" aria-label="Playhead time">
      {formatTime(time, 0.01)}
    </output>
  );
}

export function Toolbar({
  project,
  recording,
  onCommand,
  onOpenRecent,
  onDisplay,
  modelsOpen,
  onToggleModels,
  evaluationOpen,
  onToggleEvaluation,
}: Props): React.JSX.Element {
  const { transport, display } = useEditor();
  const playing = useStore(transport.playing);
  const loop = useStore(transport.loop);
  const [recent, refreshRecent] = useRecentProjects(
    `${project.folder ?? 'untitled'}:${project.document.tracks.length}`,
  );
  const saved = project.savedAt ? new Date(project.savedAt).toLocaleTimeString() : null;
  return (
    <header className="toolbar" role="toolbar" aria-label="Editor">
      <div className="group project">
        <span className="app-name">Timbrefold</span>
        <span className="project-name" title={project.folder ?? 'Not saved to a folder yet'}>
          {project.document.name}
        </span>
        <span className="save-state" aria-live="polite">
          {project.folder
            ? saved
              ? `Saved ${saved}`
              : 'Saving…'
            : 'Autosaved · not in a folder yet'}
        </span>
      </div>
      <div className="group">
        <button onClick={() => onCommand('new-project')}>New</button>
        <button onClick={() => onCommand('open-project')}>Open</button>
        <select
          aria-label="Recent projects"
          value=""
          onFocus={refreshRecent}
          onChange={(e) => e.target.value && onOpenRecent(e.target.value)}
        >
          <option value="">Recent…</option>
          {recent.map((r) => (
            <option key={r.folder} value={r.folder}>
              {recentLabel(r)}
            </option>
          ))}
        </select>
        <button onClick={() => onCommand('save-project')}>Save</button>
        <button onClick={() => onCommand('save-project-as')}>Save as</button>
      </div>
      <div className="group">
        <button className="primary" onClick={() => onCommand('import-audio')}>
          Import audio
        </button>
        <button
          className={recording ? 'recording' : ''}
          aria-pressed={recording}
          onClick={() => onCommand('record')}
        >
          {recording ? 'Stop recording' : 'Record'}
        </button>
      </div>
      <div className="group">
        <button
          disabled={!project.undo}
          title={project.undo ? `Undo ${project.undo}` : 'Nothing to undo'}
          onClick={() => onCommand('undo')}
        >
          Undo
        </button>
        <button
          disabled={!project.redo}
          title={project.redo ? `Redo ${project.redo}` : 'Nothing to redo'}
          onClick={() => onCommand('redo')}
        >
          Redo
        </button>
      </div>
      <div className="group transport">
        <button className="play" onClick={() => onCommand('play-pause')} title="Play/Pause (Space)">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button onClick={() => onCommand('stop')} title="Stop (Enter)">
          Stop
        </button>
        <button
          className={loop ? 'on' : ''}
          aria-pressed={loop}
          onClick={() => onCommand('toggle-loop')}
          title="Loop the selection (L)"
        >
          Loop
        </button>
        <Clock />
      </div>
      <div className="group">
        <button aria-label="Zoom in" title="Zoom in (=)" onClick={() => onCommand('zoom-in')}>
          +
        </button>
        <button aria-label="Zoom out" title="Zoom out (-)" onClick={() => onCommand('zoom-out')}>
          −
        </button>
        <button
          aria-label="Zoom to fit"
          title="Zoom to fit (0)"
          onClick={() => onCommand('zoom-fit')}
        >
          Fit
        </button>
      </div>
      <div className="group display">
        <select
          aria-label="Frequency scale"
          value={display.scale}
          onChange={(e) =>
            onDisplay({ ...display, scale: e.target.value as SpectrogramView['scale'] })
          }
        >
          <option value="linear">Linear Hz</option>
          <option value="log">Log Hz</option>
          <option value="mel">Mel</option>
        </select>
        <label className="inline">
          dB
          <input
            type="range"
            aria-label="dB range"
            min={30}
            max={120}
            step={5}
            value={display.dbRange}
            onChange={(e) => onDisplay({ ...display, dbRange: Number(e.target.value) })}
          />
          <output>{display.dbRange}</output>
        </label>
        <select
          aria-label="Colour map"
          value={display.colormap}
          onChange={(e) =>
            onDisplay({ ...display, colormap: e.target.value as SpectrogramView['colormap'] })
          }
        >
          {COLORMAPS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="group end">
        <button
          className={modelsOpen ? 'on' : ''}
          aria-pressed={modelsOpen}
          title="Trained models for the CNN method: list, import, export, train"
          onClick={onToggleModels}
        >
          Models
        </button>
        <button
          className={evaluationOpen ? 'on' : ''}
          aria-pressed={evaluationOpen}
          title="Consistency, clusters and curves of the transfers"
          onClick={onToggleEvaluation}
        >
          Evaluation
        </button>
        <button onClick={() => onCommand('export-stems')}>Export stems</button>
      </div>
    </header>
  );
}
