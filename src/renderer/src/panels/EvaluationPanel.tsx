// The Evaluation panel (issue 12, seed 000 and 001): did the transfers do anything, are they
// consistent, are they new. Consistency counts the project's result tracks per class of a
// classifier; Clusters maps a folder's clips through the classifier's features with t-SNE (click
// a point to hear it); Curves plots a result's loss terms and content correlation per iteration.
// The work runs in the engine (evaluation:start), its progress arriving as evaluation:update.
import { useEffect, useState } from 'react';
import type {
  ClusterMap,
  CurvePoint,
  EvaluationSummary,
  TrackCurves,
} from '../../../shared/ipc-evaluation';
import type { LossPoint } from '../../../shared/ipc-jobs';
import type { TrackState } from '../../../shared/ipc-project';
import { attempt, messageOf } from '../app/notices';
import { useEditor } from '../app/editor-context';
import { useModels } from '../state/use-models';
import { useStore } from '../state/store';
import { LossPlot } from './LossPlot';

interface Props {
  tracks: TrackState[];
  onClose: () => void;
}

/** One colour per class, in the data's class order (distinct on the dark panel). */
const CLASS_COLOURS = ['#5fb3d9', '#d9a25f', '#8fd36b', '#d96b9f', '#b99cf0', '#e5e07a'];

const classColour = (classes: string[], name: string): string =>
  CLASS_COLOURS[Math.max(0, classes.indexOf(name)) % CLASS_COLOURS.length]!;

/** The latest evaluation of each kind, fed by evaluation:update. */
function useEvaluations(): Partial<Record<EvaluationSummary['kind'], EvaluationSummary>> {
  const [latest, setLatest] = useState<
    Partial<Record<EvaluationSummary['kind'], EvaluationSummary>>
  >({});
  useEffect(
    () =>
      window.timbrefold.on('evaluation:update', (summary) =>
        setLatest((l) => ({ ...l, [summary.kind]: summary })),
      ),
    [],
  );
  return latest;
}

function Status({ summary }: { summary: EvaluationSummary | undefined }): React.JSX.Element | null {
  if (!summary) return null;
  const text =
    summary.state === 'running'
      ? `${summary.phase ?? 'Starting'}${summary.total > 0 ? ` ${summary.done}/${summary.total}` : ''}…`
      : summary.state === 'finished'
        ? 'Done'
        : (summary.message ?? summary.state);
  return (
    <div className="job-actions" aria-label={`${summary.kind} status`}>
      <span className={summary.state === 'failed' ? 'job-error' : 'hint'}>{text}</span>
      {summary.state === 'running' && (
        <button onClick={() => void attempt(window.timbrefold.cancelEvaluation(summary.id))}>
          Cancel
        </button>
      )}
    </div>
  );
}

function ConsistencyTable({ summary }: { summary: EvaluationSummary }): React.JSX.Element | null {
  const table = summary.consistency;
  if (!table) return null;
  return (
    <table className="eval-table" aria-label="Consistency counts">
      <caption>
        {table.classified} of {table.files} results classified by {summary.model}
      </caption>
      <thead>
        <tr>
          <th>Class</th>
          <th>Results</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(table.counts).map(([name, count]) => (
          <tr key={name}>
            <td>{name}</td>
            <td>{count}</td>
          </tr>
        ))}
        {table.failed.map((f) => (
          <tr key={f.track} className="job-error">
            <td>{f.track}</td>
            <td>{f.error}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SCATTER = { width: 320, height: 240, pad: 10 };

function Scatter({ map }: { map: ClusterMap }): React.JSX.Element {
  const { transport } = useEditor();
  const asidePlaying = useStore(transport.asidePlaying);
  const [heard, setHeard] = useState<string | null>(null);
  // Through the transport, so Stop (and Space, and Play) end it like any other sound.
  const play = (url: string): void => {
    setHeard(url);
    void attempt(transport.playAside(url));
  };
  const xs = map.points.map((p) => p.x);
  const ys = map.points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const { width, height, pad } = SCATTER;
  const sx = (x: number): number => pad + ((width - 2 * pad) * (x - x0)) / (x1 - x0 || 1);
  const sy = (y: number): number => height - pad - ((height - 2 * pad) * (y - y0)) / (y1 - y0 || 1);
  return (
    <figure className="scatter">
      <svg viewBox={`0 0 ${width} ${height}`} role="group" aria-label="Cluster map">
        <rect x={0} y={0} width={width} height={height} fill="#0d0f12" />
        {map.points.map((p) => {
          const playing = asidePlaying && heard === p.url;
          return (
            <circle
              key={p.url}
              cx={sx(p.x)}
              cy={sy(p.y)}
              r={playing ? 7 : 5}
              fill={classColour(map.classes, p.class)}
              stroke={playing ? '#fff' : 'none'}
              role="button"
              aria-label={`Play ${p.name} (${p.class})`}
              aria-pressed={playing}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              onClick={() => play(p.url)}
              onKeyDown={(e) => {
                // Enter plays the point (as on a button), not the session's Stop; Space stays Play.
                if (e.key !== 'Enter') return;
                e.preventDefault();
                e.stopPropagation();
                play(p.url);
              }}
            >
              <title>{`${p.name} (${p.class})`}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption aria-label="Legend">
        {map.classes.map((name) => (
          <span key={name} style={{ color: classColour(map.classes, name) }}>
            ● {name}
          </span>
        ))}
        <span className="hint">t-SNE of {map.layer}</span>
      </figcaption>
    </figure>
  );
}

function CorrelationPlot({ curves }: { curves: TrackCurves }): React.JSX.Element | null {
  const points = curves.points.filter((p) => p.contentCorrelation !== null);
  if (points.length === 0) return null;
  const width = 312;
  const height = 60;
  const last = points.at(-1)!;
  const first = points[0]!.iteration;
  const span = Math.max(1, last.iteration - first);
  // Correlation on -1..1; the content's own dynamics kept is 1.
  const path = points
    .map(
      (p, i) =>
        `${i === 0 ? 'M' : 'L'}${(4 + ((width - 8) * (p.iteration - first)) / span).toFixed(1)},${(
          4 +
          ((height - 8) * (1 - p.contentCorrelation!)) / 2
        ).toFixed(1)}`,
    )
    .join(' ');
  return (
    <figure className="loss-plot">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Content correlation of ${curves.trackId}`}
      >
        <rect x={0} y={0} width={width} height={height} fill="#0d0f12" />
        <line x1={4} x2={width - 4} y1={height / 2} y2={height / 2} stroke="#2c313a" />
        <text x={width - 4} y={12} fill="#8b93a1" fontSize={10} textAnchor="end">
          1
        </text>
        <text x={width - 4} y={height / 2 - 2} fill="#8b93a1" fontSize={10} textAnchor="end">
          0
        </text>
        <path d={path} fill="none" stroke="#8fd36b" strokeWidth={1.5} />
      </svg>
      <figcaption>
        <span style={{ color: '#8fd36b' }}>
          content correlation {last.contentCorrelation!.toFixed(3)}
        </span>
      </figcaption>
    </figure>
  );
}

const lossPoint = (p: CurvePoint): LossPoint => ({
  iteration: p.iteration,
  total: p.total,
  content: p.content,
  style: p.style,
});

function Curves({ results }: { results: TrackState[] }): React.JSX.Element {
  const [trackId, setTrackId] = useState(results[0]?.id ?? '');
  const [curves, setCurves] = useState<TrackCurves | null>(null);
  // Why a result has no curves (a one-pass method, a result older than its history), inline.
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = results.find((t) => t.id === trackId) ?? results[0];
  const chosenId = chosen?.id;
  useEffect(() => {
    setCurves(null);
    setProblem(null);
    if (!chosenId) return;
    let current = true;
    void window.timbrefold.trackCurves(chosenId).then(
      (c) => current && setCurves(c),
      (error: unknown) => current && setProblem(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [chosenId]);
  if (!chosen) return <p className="hint">Curves appear once a transfer has made a result.</p>;
  return (
    <>
      <label className="field">
        <span className="field-label">Result</span>
        <select
          aria-label="Result for curves"
          value={chosen.id}
          onChange={(e) => setTrackId(e.target.value)}
        >
          {results.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {problem && <p className="hint">{problem}</p>}
      {curves && curves.points.length > 0 && (
        <>
          <LossPlot name={`curves of ${chosen.name}`} losses={curves.points.map(lossPoint)} />
          <CorrelationPlot curves={{ ...curves, trackId: chosen.name }} />
        </>
      )}
    </>
  );
}

export function EvaluationPanel({ tracks, onClose }: Props): React.JSX.Element {
  const models = useModels();
  const classifiers = (models ?? []).filter((m) => m.kind === 'classifier' && m.status === 'ok');
  const [model, setModel] = useState('');
  const chosenModel = classifiers.some((m) => m.name === model) ? model : classifiers[0]?.name;
  const [folder, setFolder] = useState<{ folder: string; classes: string[]; clips: number } | null>(
    null,
  );
  const evaluations = useEvaluations();
  const results = tracks.filter((t) => t.role === 'result');
  const busy = Object.values(evaluations).some((e) => e.state === 'running');

  const chooseFolder = async (): Promise<void> => {
    const picked = await attempt(window.timbrefold.chooseTrainingData());
    if (picked) setFolder(picked);
  };

  return (
    <section className="panel models-panel evaluation-panel" role="dialog" aria-label="Evaluation">
      <div className="models-head">
        <h2>Evaluation</h2>
        <button aria-label="Close evaluation" onClick={onClose}>
          ✕
        </button>
      </div>
      <label className="field">
        <span className="field-label">Classifier</span>
        <select
          aria-label="Classifier"
          value={chosenModel ?? ''}
          onChange={(e) => setModel(e.target.value)}
        >
          {classifiers.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name} ({m.classes.join(', ')})
            </option>
          ))}
        </select>
      </label>

      <h3>Consistency</h3>
      <p className="hint">
        Which class the classifier hears in each result ({results.length} in the project).
      </p>
      <button
        disabled={busy || !chosenModel || results.length === 0}
        onClick={() =>
          chosenModel &&
          void attempt(
            window.timbrefold.startEvaluation({
              kind: 'consistency',
              model: chosenModel,
              trackIds: results.map((t) => t.id),
            }),
          )
        }
      >
        Count classes
      </button>
      <Status summary={evaluations.consistency} />
      {evaluations.consistency?.state === 'finished' && (
        <ConsistencyTable summary={evaluations.consistency} />
      )}

      <h3>Clusters</h3>
      <p className="hint" aria-label="Cluster data">
        {folder
          ? `${folder.classes.length} classes (${folder.classes.join(', ')}), ${folder.clips} clips`
          : 'A folder with one subfolder of WAV clips per class.'}
      </p>
      <div className="job-actions">
        <button onClick={() => void chooseFolder()}>Choose folder…</button>
        <button
          disabled={busy || !chosenModel || !folder}
          onClick={() =>
            chosenModel &&
            folder &&
            void attempt(
              window.timbrefold.startEvaluation({
                kind: 'clusters',
                model: chosenModel,
                data: folder.folder,
              }),
            )
          }
        >
          Draw t-SNE
        </button>
      </div>
      <Status summary={evaluations.clusters} />
      {evaluations.clusters?.clusters && <Scatter map={evaluations.clusters.clusters} />}

      <h3>Curves</h3>
      <Curves results={results} />
    </section>
  );
}
