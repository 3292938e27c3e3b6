// The editor: toolbar, multitrack area, and the side panels (transfer, render queue, A/B).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SpectrogramView } from '../../shared/ipc-lanes';
import type { TrackState } from '../../shared/ipc-project';
import type { TransferOptions } from '../../shared/ipc-jobs';
import type { AppInfo } from '../../shared/api';
import { EditorContext, type EditorContextValue } from './app/editor-context';
import type { Command } from './app/commands';
import { commandOfKey } from './app/commands';
import { DiscardUntitledDialog } from './app/DiscardUntitledDialog';
import { useCloseOnEscape } from './app/escape-close';
import { abCandidateOfKey } from './app/keymap';
import { ShortcutsDialog } from './app/ShortcutsDialog';
import { importDropped, importWithDialog, Recorder } from './app/importing';
import { attempt, dismiss, notices, notify } from './app/notices';
import { Toolbar } from './app/Toolbar';
import { clampView, fitView, pixelAtTime, zoomAround, type LaneView } from './lanes/zoom';
import { ABPanel, type ABState } from './panels/ABPanel';
import { EvaluationPanel } from './panels/EvaluationPanel';
import { ExportDialog } from './panels/ExportDialog';
import { ModelsPanel } from './panels/ModelsPanel';
import { RenderQueue } from './panels/RenderQueue';
import { TransferPanel } from './panels/TransferPanel';
import { setEvaluationChoices } from './state/evaluation-state';
import { blindOrder, matchLoudness } from './state/loudness-match';
import { Store, useStore } from './state/store';
import { Transport, type PlayableTrack } from './state/transport';
import { useJobs } from './state/use-jobs';
import { historyMoved } from './state/use-pending-value';
import { useJobNotices, useWindowTitle } from './state/use-job-progress';
import { useTrainings } from './state/use-models';
import { useProject } from './state/use-project';
import { followProject } from './state/evaluation-state';
import { TrackList } from './tracks/TrackList';

const ROLE_ORDER: Record<TrackState['role'], number> = { content: 0, style: 1, result: 2 };

function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

function Notices(): React.JSX.Element {
  const list = useStore(notices);
  return (
    <div className="notices" role="status" aria-live="polite">
      {list.map((n) => (
        <div
          key={n.id}
          className={`notice ${n.level}`}
          role={n.level === 'error' ? 'alert' : undefined}
        >
          <span>{n.message}</span>
          <button aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

export function App(): React.JSX.Element {
  const project = useProject();
  const jobsById = useJobs();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [options, setOptions] = useState<TransferOptions | null>(null);
  const [transport] = useState(() => new Transport());
  const [view] = useState(() => new Store<LaneView>({ start: 0, scale: 480, width: 800 }));
  const [display, setDisplay] = useState<SpectrogramView>({
    scale: 'log',
    dbRange: 80,
    colormap: 'magma',
  });
  const [ab, setAb] = useState<ABState>({ enabled: false, blind: false, selected: null, seed: 1 });
  const [exporting, setExporting] = useState(false);
  const [showModels, setShowModels] = useState(false);
  const [showEvaluation, setShowEvaluation] = useState(false);
  const trainings = useTrainings();
  const [recorder] = useState(() => new Recorder());
  const [recording, setRecording] = useState(false);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  useCloseOnEscape(askDiscard, () => setAskDiscard(false));
  useCloseOnEscape(exporting, () => setExporting(false));
  useCloseOnEscape(showModels, () => setShowModels(false));
  useCloseOnEscape(showEvaluation, () => setShowEvaluation(false));
  useCloseOnEscape(showShortcuts, () => setShowShortcuts(false));

  useEffect(() => {
    void attempt(window.timbrefold.getAppInfo()).then((i) => i && setInfo(i));
    void attempt(window.timbrefold.transferOptions()).then((o) => o && setOptions(o));
    transport.onError = (message) => notify('error', message);
    const off = window.timbrefold.on('app:notice', (n) => notify(n.level, n.message));
    return () => {
      off();
      transport.dispose();
    };
  }, [transport]);

  const jobs = useMemo(() => Object.values(jobsById).reverse(), [jobsById]);
  const running = useMemo(
    () => jobs.filter((j) => j.state === 'running' || j.state === 'queued').reverse(),
    [jobs],
  );
  const tracks = useMemo(() => project?.document.tracks ?? [], [project]);
  const opened = project?.opened;
  useEffect(() => {
    if (opened !== undefined) followProject(opened);
  }, [opened]);
  useWindowTitle(project?.document.name ?? 'Untitled', jobs);
  useJobNotices(jobs);

  const sessionEnd = useMemo(() => {
    const ends = [
      ...tracks.map((t) => t.clip.start + t.clip.duration),
      ...running.map((j) => j.start + j.duration),
    ];
    return Math.max(1, ...ends);
  }, [tracks, running]);

  // Fit the whole session when the first clip arrives or the project changes.
  const fittedFor = useRef<string | null>(null);
  useEffect(() => {
    const key = `${project?.folder ?? 'untitled'}:${tracks.length > 0}`;
    if (tracks.length > 0 && fittedFor.current !== key) {
      fittedFor.current = key;
      view.set(fitView(sessionEnd, view.get().width));
    } else {
      view.update((v) => clampView(v, sessionEnd));
    }
    transport.sessionEnd = sessionEnd;
  }, [project?.folder, tracks.length, sessionEnd, view, transport]);

  // A/B compares the content with what was made of it: the style clips are not candidates.
  const candidates = useMemo(() => {
    const ordered = tracks
      .filter((t) => t.role !== 'style')
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
    return ab.blind ? blindOrder(ordered, ab.seed) : ordered;
  }, [tracks, ab.blind, ab.seed]);
  const match = useMemo(
    () =>
      matchLoudness(
        candidates.map((t) => ({
          id: t.id,
          loudnessLufs: t.clip.loudnessLufs,
          peakDb: t.clip.peakDb,
        })),
        candidates.find((t) => t.role === 'content')?.id ?? null,
      ),
    [candidates],
  );

  // What is heard: A/B plays one candidate (loudness-matched), else the mix with mute and solo.
  const audible = useMemo(() => {
    const anySolo = tracks.some((t) => t.solo);
    return new Map(
      tracks.map((t) => {
        if (ab.enabled) return [t.id, t.id === ab.selected ? dbToGain(match.gains[t.id] ?? 0) : 0];
        const on = !t.mute && (!anySolo || t.solo);
        return [t.id, on ? dbToGain(t.gainDb) : 0];
      }),
    );
  }, [tracks, ab.enabled, ab.selected, match]);

  useEffect(() => {
    if (!project) return;
    const playable: PlayableTrack[] = tracks
      .filter((t) => project.media[t.clip.id] && !project.missing.includes(t.clip.id))
      .map((t) => ({
        trackId: t.id,
        url: project.media[t.clip.id]!,
        start: t.clip.start,
        gain: audible.get(t.id) ?? 0,
      }));
    transport.setTracks(playable);
    transport.setLoopRegion(project.document.selection);
  }, [project, tracks, audible, transport]);

  const run = useCallback(
    async (command: Command): Promise<void> => {
      const api = window.timbrefold;
      const v = view.get();
      const playhead = transport.currentTime();
      const anchor =
        pixelAtTime(v, playhead) >= 0 && pixelAtTime(v, playhead) <= v.width
          ? playhead
          : v.start + (v.width * v.scale) / 96000;
      switch (command) {
        case 'new-project':
          if (project?.folder === null && tracks.length > 0) return setAskDiscard(true);
          return void (await attempt(api.newProject()));
        case 'open-project':
          return void (await attempt(api.openProject()));
        case 'save-project': {
          const saved = await attempt(api.saveProject());
          if (saved) notify('info', `Saved to ${saved.folder}.`);
          return;
        }
        case 'save-project-as': {
          const saved = await attempt(api.saveProjectAs());
          if (saved) notify('info', `Saved to ${saved.folder}.`);
          return;
        }
        case 'import-audio':
          return importWithDialog(
            info?.host !== 'electron',
            tracks.some((t) => t.role === 'content'),
          );
        case 'export-stems':
          return setExporting(true);
        case 'undo':
        case 'redo':
          await attempt(command === 'undo' ? api.undo() : api.redo());
          return historyMoved();
        case 'zoom-in':
          return view.set(zoomAround(v, 2, anchor, sessionEnd));
        case 'zoom-out':
          return view.set(zoomAround(v, 0.5, anchor, sessionEnd));
        case 'zoom-fit':
          return view.set(fitView(sessionEnd, v.width));
        case 'play-pause':
          return transport.toggle();
        case 'stop':
          return transport.stop();
        case 'toggle-loop':
          return transport.loop.set(!transport.loop.get());
        case 'show-shortcuts':
          return setShowShortcuts(true);
        case 'record':
          if (recorder.recording) {
            setRecording(false);
            await recorder.stop();
          } else {
            await recorder.start();
            setRecording(recorder.recording);
          }
          return;
      }
    },
    [view, transport, sessionEnd, recorder, info?.host, tracks, project?.folder],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const command = commandOfKey(event);
      if (command) {
        event.preventDefault();
        void run(command);
        return;
      }
      const candidate = ab.enabled ? abCandidateOfKey(event) : null;
      if (candidate !== null) {
        const track = candidates[candidate];
        if (track) setAb((a) => ({ ...a, selected: track.id }));
      }
    };
    window.addEventListener('keydown', onKey);
    const off = window.timbrefold.on('menu:command', (command) => void run(command));
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [run, ab.enabled, candidates]);

  const context = useMemo<EditorContextValue>(
    () => ({
      transport,
      view,
      sessionEnd,
      display,
      host: info?.host ?? 'test-host',
      methods: options?.methods ?? [],
    }),
    [transport, view, sessionEnd, display, info?.host, options],
  );

  if (!project) return <div className="loading">Starting Timbrefold…</div>;
  const dimmed = new Set(tracks.filter((t) => (audible.get(t.id) ?? 0) === 0).map((t) => t.id));
  const hasContent = tracks.some((t) => t.role === 'content');
  return (
    <EditorContext.Provider value={context}>
      <div className={`editor ${ab.blind ? 'blind' : ''}`}>
        <Toolbar
          project={project}
          recording={recording}
          onCommand={(c) => void run(c)}
          onOpenRecent={(folder) => void attempt(window.timbrefold.openProject(folder))}
          onDisplay={setDisplay}
          modelsOpen={showModels}
          onToggleModels={() => setShowModels((open) => !open)}
          evaluationOpen={showEvaluation}
          onToggleEvaluation={() => setShowEvaluation((open) => !open)}
        />
        <main className="workspace">
          <TrackList
            project={project}
            running={running}
            dimmed={dimmed}
            blind={ab.blind}
            onDropFiles={(files) => void importDropped(files, hasContent)}
          />
          <aside className="side">
            {showModels && (
              <ModelsPanel
                trainings={trainings}
                tracks={tracks}
                onClose={() => setShowModels(false)}
              />
            )}
            {showEvaluation && (
              <EvaluationPanel
                document={project.document}
                blind={ab.blind}
                onClose={() => setShowEvaluation(false)}
              />
            )}
            <TransferPanel
              document={project.document}
              options={options}
              current={running.at(-1) ?? null}
            />
            <ABPanel
              document={project.document}
              ab={ab}
              candidates={candidates}
              targetLufs={match.targetLufs}
              limited={match.limited}
              onChange={setAb}
              onShowRatings={() => {
                setEvaluationChoices({ tab: 'ratings' });
                setShowEvaluation(true);
              }}
            />
            <RenderQueue jobs={jobs} />
          </aside>
        </main>
        <Notices />
        {exporting && (
          <ExportDialog
            tracks={tracks}
            selection={project.document.selection}
            canShowInFolder={info?.host === 'electron'}
            onClose={() => setExporting(false)}
          />
        )}
        {showShortcuts && <ShortcutsDialog onClose={() => setShowShortcuts(false)} />}
        {askDiscard && (
          <DiscardUntitledDialog
            trackCount={tracks.length}
            onCancel={() => setAskDiscard(false)}
            onDiscard={() => {
              setAskDiscard(false);
              void attempt(window.timbrefold.newProject());
            }}
            onSaveFirst={() => {
              setAskDiscard(false);
              void attempt(async () => {
                if (await window.timbrefold.saveProjectAs()) await window.timbrefold.newProject();
              });
            }}
          />
        )}
      </div>
    </EditorContext.Provider>
  );
}
