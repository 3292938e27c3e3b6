// The Evaluation panel (issue 12, seed 000 and 001): did the transfers do anything, are they
// consistent, are they new, how did listeners rate them. One tab each: Consistency counts the
// chosen result tracks per class of a classifier; Clusters maps a folder's clips through the
// classifier's features with t-SNE or UMAP (click a point to hear it); Curves plots a result's
// loss terms and content correlation per iteration; Ratings summarises the blind test's ratings
// per pair and method and exports them as CSV. The long work runs in the engine
// (evaluation:start), its progress arriving as evaluation:update; everything shown is kept for
// the session (state/evaluation-state.ts), so closing the panel loses nothing.
import { useEffect, useState } from 'react';
import {
  CLUSTER_SEED_RANGE,
  EMBEDDING_LABELS,
  EMBEDDING_METHODS,
  REFERENCE,
  type ClusterMap,
  type CurvePoint,
  type EmbeddingMethod,
  type EvaluationSummary,
  type RatingGroup,
  type TrackCurves,
} from '../../../shared/ipc-evaluation';
import type { LossPoint } from '../../../shared/ipc-jobs';
import type { ModelInfo } from '../../../shared/ipc-models';
import type { ProjectDocument, TrackState } from '../../../shared/ipc-project';
import { attempt, messageOf, notify } from '../app/notices';
import { useEditor } from '../app/editor-context';
import {
  EVALUATION_TABS,
  setEvaluationChoices,
  clusterOptions,
  evaluationChoices,
  lastCurves,
  lastRatings,
  type EvaluationTab,
} from '../state/evaluation-state';
import { clusterSeed, evaluationOf } from '../state/evaluation-list';
import { useEvaluations } from '../state/use-evaluations';
import { useModels } from '../state/use-models';
import { useStore } from '../state/store';
import { LossPlot } from './LossPlot';

interface Props {
  document: ProjectDocument;
  /** The A/B panel's blind test is on: its ratings are not summarised until it is finished. */
  blind: boolean;
  onClose: () => void;
}

const TAB_LABELS: Record<EvaluationTab, string> = {
  consistency: 'Consistency',
  clusters: 'Clusters',
  curves: 'Curves',
  ratings: 'Ratings',
};

/** One colour per class, in the data's class order (distinct on the dark panel). */
const CLASS_COLOURS = ['#5fb3d9', '#d9a25f', '#8fd36b', '#d96b9f', '#b99cf0', '#e5e07a'];

const classColour = (classes: string[], name: string): string =>
  CLASS_COLOURS[Math.max(0, classes.indexOf(name)) % CLASS_COLOURS.length]!;

function Status({ summary }: { summary: EvaluationSummary | null }): React.JSX.Element | null {
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
        <span className="hint">
          {EMBEDDING_LABELS[map.method]} of {map.layer}, seed {map.seed}
        </span>
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
  const { curvesTrackId } = useStore(evaluationChoices);
  const kept = useStore(lastCurves);
  // Why a result has no curves (a one-pass method, a result older than its history), inline.
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = results.find((t) => t.id === curvesTrackId) ?? results[0];
  const chosenId = chosen?.id;
  const curves = kept?.trackId === chosenId ? kept : null;
  useEffect(() => {
    setProblem(null);
    // A result's curves never change: the ones kept from before are shown as they are.
    if (!chosenId || lastCurves.get()?.trackId === chosenId) return;
    let current = true;
    void window.timbrefold.trackCurves(chosenId).then(
      (c) => current && lastCurves.set(c),
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
          onChange={(e) => setEvaluationChoices({ curvesTrackId: e.target.value })}
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

function ClassifierChoice({ classifiers }: { classifiers: ModelInfo[] }): React.JSX.Element {
  const { model } = useStore(evaluationChoices);
  return (
    <label className="field">
      <span className="field-label">Classifier</span>
      <select
        aria-label="Classifier"
        value={chosenClassifier(classifiers, model) ?? ''}
        onChange={(e) => setEvaluationChoices({ model: e.target.value })}
      >
        {classifiers.map((m) => (
          <option key={m.name} value={m.name}>
            {m.name} ({m.classes.join(', ')})
          </option>
        ))}
      </select>
    </label>
  );
}

const chosenClassifier = (classifiers: ModelInfo[], model: string | null): string | undefined =>
  classifiers.some((m) => m.name === model) ? (model ?? undefined) : classifiers[0]?.name;

function Consistency({
  results,
  classifiers,
  summaries,
  busy,
}: {
  results: TrackState[];
  classifiers: ModelInfo[];
  summaries: ReturnType<typeof evaluationOf>;
  busy: boolean;
}): React.JSX.Element {
  const { model, excluded } = useStore(evaluationChoices);
  const chosenModel = chosenClassifier(classifiers, model);
  const left = new Set(excluded);
  const chosen = results.filter((t) => !left.has(t.id));
  const include = (ids: string[], on: boolean): void =>
    setEvaluationChoices({
      excluded: on
        ? excluded.filter((id) => !ids.includes(id))
        : [...new Set([...excluded, ...ids])],
    });
  return (
    <>
      <ClassifierChoice classifiers={classifiers} />
      <p className="hint">
        Which class the classifier hears in each chosen result ({chosen.length} of {results.length}{' '}
        in the project).
      </p>
      {results.length > 0 && (
        <fieldset className="eval-tracks" aria-label="Results to classify">
          <legend>Results to classify</legend>
          <label className="inline">
            <input
              type="checkbox"
              aria-label="All results"
              checked={chosen.length === results.length}
              ref={(box) => {
                if (box) box.indeterminate = chosen.length > 0 && chosen.length < results.length;
              }}
              onChange={(e) =>
                include(
                  results.map((t) => t.id),
                  e.target.checked,
                )
              }
            />
            All
          </label>
          {results.map((t) => (
            <label key={t.id} className="inline">
              <input
                type="checkbox"
                aria-label={`Classify ${t.name}`}
                checked={!left.has(t.id)}
                onChange={(e) => include([t.id], e.target.checked)}
              />
              {t.name}
            </label>
          ))}
        </fieldset>
      )}
      <button
        disabled={busy || !chosenModel || chosen.length === 0}
        onClick={() =>
          chosenModel &&
          void attempt(
            window.timbrefold.startEvaluation({
              kind: 'consistency',
              model: chosenModel,
              trackIds: chosen.map((t) => t.id),
            }),
          )
        }
      >
        Count classes
      </button>
      <Status summary={summaries.latest} />
      {summaries.finished && <ConsistencyTable summary={summaries.finished} />}
    </>
  );
}

function Clusters({
  classifiers,
  summaries,
  busy,
}: {
  classifiers: ModelInfo[];
  summaries: ReturnType<typeof evaluationOf>;
  busy: boolean;
}): React.JSX.Element {
  const { model, folder, method, layer, seed } = useStore(evaluationChoices);
  const chosenModel = chosenClassifier(classifiers, model);
  // Asked once per model as trained (a model trained again under its name may differ).
  const trained = classifiers.find((m) => m.name === chosenModel);
  const key = trained ? `${trained.name} ${trained.createdAt}` : '';
  const options = useStore(clusterOptions)[key];
  useEffect(() => {
    if (!chosenModel || clusterOptions.get()[key]) return;
    void attempt(window.timbrefold.clusterOptions(chosenModel)).then(
      (o) => o && clusterOptions.update((all) => ({ ...all, [key]: o })),
    );
  }, [chosenModel, key]);
  // A layer chosen for another classifier falls back to this one's last pooling layer.
  const chosenLayer = options?.layers.includes(layer ?? '') ? layer! : options?.defaultLayer;
  const seedValue = clusterSeed(seed);
  const chooseFolder = async (): Promise<void> => {
    const picked = await attempt(window.timbrefold.chooseTrainingData());
    if (picked) setEvaluationChoices({ folder: picked });
  };
  return (
    <>
      <ClassifierChoice classifiers={classifiers} />
      <p className="hint" aria-label="Cluster data">
        {folder
          ? `${folder.classes.length} classes (${folder.classes.join(', ')}), ${folder.clips} clips`
          : 'A folder with one subfolder of WAV clips per class.'}
      </p>
      <label className="field">
        <span className="field-label">Map</span>
        <select
          aria-label="Map"
          value={method}
          onChange={(e) => setEvaluationChoices({ method: e.target.value as EmbeddingMethod })}
        >
          {EMBEDDING_METHODS.map((m) => (
            <option key={m} value={m}>
              {EMBEDDING_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Layer</span>
        <select
          aria-label="Layer"
          value={chosenLayer ?? ''}
          disabled={!options}
          onChange={(e) => setEvaluationChoices({ layer: e.target.value })}
        >
          {options?.layers.map((l) => (
            <option key={l} value={l}>
              {l === options.defaultLayer ? `${l} (last pooling)` : l}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Seed</span>
        <input
          aria-label="Seed"
          type="number"
          min={CLUSTER_SEED_RANGE.min}
          max={CLUSTER_SEED_RANGE.max}
          step={1}
          value={seed}
          aria-invalid={seedValue === null}
          onChange={(e) => setEvaluationChoices({ seed: e.target.value })}
        />
      </label>
      {seedValue === null && (
        <p className="hint job-error">
          The seed is a whole number from {CLUSTER_SEED_RANGE.min} to {CLUSTER_SEED_RANGE.max}.
        </p>
      )}
      <div className="job-actions">
        <button onClick={() => void chooseFolder()}>Choose folder…</button>
        <button
          disabled={busy || !chosenModel || !folder || !chosenLayer || seedValue === null}
          onClick={() =>
            chosenModel &&
            folder &&
            chosenLayer &&
            seedValue !== null &&
            void attempt(
              window.timbrefold.startEvaluation({
                kind: 'clusters',
                model: chosenModel,
                data: folder.folder,
                method,
                layer: chosenLayer,
                seed: seedValue,
              }),
            )
          }
        >
          Draw {EMBEDDING_LABELS[method]}
        </button>
      </div>
      <Status summary={summaries.latest} />
      {summaries.finished?.clusters && <Scatter map={summaries.finished.clusters} />}
    </>
  );
}

const pairLabel = (g: RatingGroup): string =>
  g.method === REFERENCE ? `${g.content} (the content itself)` : `${g.content} ← ${g.styles}`;

function Ratings({
  document,
  blind,
}: {
  document: ProjectDocument;
  blind: boolean;
}): React.JSX.Element {
  const summary = useStore(lastRatings);
  const [exported, setExported] = useState<string | null>(null);
  // Asked again whenever a rating or the tracks change: the main process summarises (as the CLI).
  useEffect(() => {
    let current = true;
    void attempt(window.timbrefold.ratingsSummary()).then(
      (s) => current && s && lastRatings.set(s),
    );
    return () => {
      current = false;
    };
  }, [document.ratings, document.tracks]);
  const exportCsv = async (): Promise<void> => {
    const done = await attempt(window.timbrefold.exportRatings({}));
    if (!done) return;
    setExported(done.file);
    notify('info', `Exported the ratings (${done.groups} rows) to ${done.file}.`);
  };
  // Means per method during the test would say which sound is which.
  if (blind)
    return (
      <p className="hint" aria-label="Ratings summary">
        The summary appears when the blind test is finished (Finish and reveal, in the A/B panel).
      </p>
    );
  if (!summary) return <p className="hint">Reading the ratings…</p>;
  return (
    <>
      <p className="hint" aria-label="Ratings summary">
        {summary.rated} of {summary.results} results rated (blind, 1 to 5).{' '}
        {summary.groups.length === 0 && 'Rate results in the A/B panel’s blind test.'}
      </p>
      {summary.groups.length > 0 && (
        <table className="eval-table" aria-label="Ratings per pair and method">
          <thead>
            <tr>
              <th>Pair</th>
              <th>Method</th>
              <th>Count</th>
              <th>Mean</th>
              <th>SD</th>
              <th>Range</th>
            </tr>
          </thead>
          <tbody>
            {summary.groups.map((g) => (
              <tr key={`${g.content}|${g.styles}|${g.method}`}>
                <td>{pairLabel(g)}</td>
                <td>{g.method}</td>
                <td>{g.count}</td>
                <td>{g.mean.toFixed(2)}</td>
                <td>{g.std === null ? '–' : g.std.toFixed(2)}</td>
                <td>
                  {g.min}–{g.max}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="job-actions">
        <button disabled={summary.groups.length === 0} onClick={() => void exportCsv()}>
          Export CSV…
        </button>
        {exported && <span className="hint">Saved to {exported}</span>}
      </div>
    </>
  );
}

export function EvaluationPanel({ document, blind, onClose }: Props): React.JSX.Element {
  const models = useModels();
  const classifiers = (models ?? []).filter((m) => m.kind === 'classifier' && m.status === 'ok');
  const { tab } = useStore(evaluationChoices);
  const list = useEvaluations();
  const results = document.tracks.filter((t) => t.role === 'result');
  const busy = list.some((e) => e.state === 'running');
  const running = (kind: EvaluationSummary['kind']): boolean =>
    evaluationOf(list, kind).latest?.state === 'running';
  // Result names and per-result numbers would say which blind sound is which.
  const namesHidden = blind && (tab === 'consistency' || tab === 'curves');

  return (
    <section className="panel models-panel evaluation-panel" role="dialog" aria-label="Evaluation">
      <div className="models-head">
        <h2>Evaluation</h2>
        <button aria-label="Close evaluation" onClick={onClose}>
          ✕
        </button>
      </div>
      <div className="eval-tabs" role="tablist" aria-label="Evaluation views">
        {EVALUATION_TABS.map((t) => (
          <button
            key={t}
            id={`eval-tab-${t}`}
            role="tab"
            aria-selected={tab === t}
            aria-controls="eval-tab-panel"
            className={tab === t ? 'on' : ''}
            onClick={() => setEvaluationChoices({ tab: t })}
          >
            {TAB_LABELS[t]}
            {(t === 'consistency' || t === 'clusters') && running(t) && (
              <span aria-hidden="true"> …</span>
            )}
          </button>
        ))}
      </div>
      <div id="eval-tab-panel" role="tabpanel" aria-labelledby={`eval-tab-${tab}`}>
        {namesHidden ? (
          <p className="hint" aria-label="Hidden during the blind test">
            {TAB_LABELS[tab]} names the results: it is hidden until the blind test is finished
            (Finish and reveal, in the A/B panel).
          </p>
        ) : null}
        {tab === 'consistency' && !namesHidden && (
          <Consistency
            results={results}
            classifiers={classifiers}
            summaries={evaluationOf(list, 'consistency')}
            busy={busy}
          />
        )}
        {tab === 'clusters' && (
          <Clusters
            classifiers={classifiers}
            summaries={evaluationOf(list, 'clusters')}
            busy={busy}
          />
        )}
        {tab === 'curves' && !namesHidden && <Curves results={results} />}
        {tab === 'ratings' && <Ratings document={document} blind={blind} />}
      </div>
    </section>
  );
}
