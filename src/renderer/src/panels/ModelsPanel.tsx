// The Models panel: the models of the cache, each with its kind (the classifiers the CNN method
// uses, the generators the fast method uses; shipped ones read-only), with delete (confirmed),
// import (a model file or folder) and export, and training a new classifier from a folder of
// labelled clips, a generator from a project track's style (TrainGeneratorForm) or a CycleGAN
// between two class folders (TrainCycleGanForm, every loss term shown live), with progress. A
// drawer beside the editor, so work goes on while a model trains.
import { isModelName } from '../../../shared/model-name';
import { ModelNameField } from './ModelNameField';
import { useEffect, useState } from 'react';
import {
  type ModelArchitecture,
  type ModelInfo,
  type TrainingDataInfo,
  type TrainingSummary,
} from '../../../shared/ipc-models';
import { attempt, notify } from '../app/notices';
import { formatTime } from '../lanes/time-ticks';
import type { TrackState } from '../../../shared/ipc-project';
import { models as modelStore, refreshModels, useModels } from '../state/use-models';
import { useCloseOnEscape } from '../app/escape-close';
import { EpochsField } from './EpochsField';
import { TrainButton } from './TrainButton';
import { TrainCycleGanForm } from './TrainCycleGanForm';
import { TrainGeneratorForm } from './TrainGeneratorForm';

interface Props {
  trainings: TrainingSummary[];
  /** The project's tracks: a generator's style is one of them. */
  tracks: readonly TrackState[];
  onClose: () => void;
}

const ARCHITECTURE_LABELS: Record<ModelArchitecture, string> = {
  'verma-smith': 'Verma & Smith (small, fast)',
  'audio-vgg': 'Audio-VGG (deeper)',
};

const percent = (value: number | null): string =>
  value === null ? '–' : `${(100 * value).toFixed(1)}%`;

const KIND_LABELS: Record<NonNullable<ModelInfo['kind']>, string> = {
  classifier: 'classifier',
  generator: 'generator',
  cyclegan: 'CycleGAN',
};

function describeAccuracy(model: ModelInfo): string {
  if (model.heldOutAccuracy === null) return 'no held-out clips';
  return `${percent(model.heldOutAccuracy)} of ${model.heldOutClips} held-out clips`;
}

/** What the model is, by its kind: a classifier's classes and accuracy, a generator's style, a CycleGAN's two classes. */
function describeKind(model: ModelInfo): string {
  if (model.kind === 'cyclegan') return `CycleGAN · ${model.classes.join(' ⇄ ')}`;
  if (model.kind === 'generator') return `generator · style ${model.style ?? '?'}`;
  return `${model.architecture} · ${model.classes.join(', ')} · ${describeAccuracy(model)}`;
}

function ModelRow({ model }: { model: ModelInfo }): React.JSX.Element {
  const [confirming, setConfirming] = useState(false);
  // Escape keeps the model (the confirmation is on top of the Models dialog).
  useCloseOnEscape(confirming, () => setConfirming(false));
  const remove = async (): Promise<void> => {
    const list = await attempt(window.timbrefold.deleteModel(model.name));
    setConfirming(false);
    if (list) {
      modelStore.set(list);
      notify('info', `Deleted ${model.name}.`);
    }
  };
  const exportIt = async (): Promise<void> => {
    const done = await attempt(window.timbrefold.exportModel({ name: model.name }));
    if (done) notify('info', `Exported ${done.name} to ${done.file}.`);
  };
  return (
    <li className={`model ${model.status}`} aria-label={`Model ${model.name}`}>
      <div className="model-head">
        <span className="model-name">{model.name}</span>
        {model.kind && (
          <span
            className={`badge kind-${model.kind}`}
            title={
              model.kind === 'generator'
                ? 'A generator for one style: the fast method'
                : model.kind === 'cyclegan'
                  ? 'A pair of generators between two classes: the CycleGAN method'
                  : 'A classifier: the trained-CNN method listens with it'
            }
          >
            {KIND_LABELS[model.kind]}
          </span>
        )}
        {model.shipped && (
          <span className="badge" title="Shipped with the app: read-only">
            shipped · read-only
          </span>
        )}
        {model.status === 'damaged' && <span className="badge damaged">damaged</span>}
      </div>
      {model.status === 'ok' && model.kind === 'generator' ? (
        <div className="model-facts">
          style {model.style ?? '?'} · {model.heldOutClips} held-out clips ·{' '}
          {model.createdAt?.slice(0, 10)}
        </div>
      ) : model.status === 'ok' ? (
        <div className="model-facts">
          {describeKind(model)} · {model.createdAt?.slice(0, 10)}
        </div>
      ) : (
        <div className="job-error">{model.problem}</div>
      )}
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-label={`Delete ${model.name}?`}>
          <span>Delete {model.name}? This cannot be undone.</span>
          <button className="danger" onClick={() => void remove()}>
            Delete model
          </button>
          <button onClick={() => setConfirming(false)}>Keep</button>
        </div>
      ) : (
        <div className="job-actions">
          {model.status === 'ok' && (
            <button aria-label={`Export ${model.name}`} onClick={() => void exportIt()}>
              Export
            </button>
          )}
          {!model.shipped && (
            <button aria-label={`Delete ${model.name}`} onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function TrainingRow({
  training,
  superseded,
}: {
  training: TrainingSummary;
  /** A later training of the same name was started (by Resume or by training again). */
  superseded: boolean;
}): React.JSX.Element {
  const running = training.state === 'running';
  const resumable = training.state === 'cancelled' && training.epoch > 0 && !superseded;
  const resume = async (): Promise<void> => {
    const started = await attempt(window.timbrefold.resumeTraining(training.id));
    if (started) notify('info', `Continuing ${started.name} from epoch ${training.epoch}.`);
  };
  const fraction =
    training.epochs > 0
      ? (training.epoch + (training.batches > 0 ? training.batch / training.batches : 0)) /
        training.epochs
      : 0;
  const epochShown = Math.min(training.epoch + (training.batch > 0 ? 1 : 0), training.epochs);
  return (
    <li className={`job state-${training.state}`} aria-label={`Training ${training.name}`}>
      <div className="job-head">
        <span className="job-name">
          {training.name} (
          {training.kind === 'classifier' ? training.architecture : KIND_LABELS[training.kind]})
        </span>
        <span className="job-state">{TRAINING_STATES[training.state]}</span>
      </div>
      {running && (
        <progress aria-label={`Progress of training ${training.name}`} max={1} value={fraction} />
      )}
      <div className="job-status">
        {running && training.phase !== 'training' ? `${training.phase ?? 'starting'} · ` : ''}
        epoch {epochShown}/{training.epochs}
        {training.loss !== null && ` · loss ${training.loss.toFixed(3)}`}
        {training.accuracy !== null && ` · accuracy ${percent(training.accuracy)}`}
        {running &&
          training.remainingSeconds !== null &&
          ` · ${formatTime(training.remainingSeconds, 1)} left`}
        {training.state === 'finished' &&
          training.heldOutLoss !== null &&
          ` · held-out loss ${training.heldOutLoss.toFixed(3)}`}
        {training.state === 'finished' &&
          training.kind === 'classifier' &&
          ` · held-out accuracy ${percent(training.heldOutAccuracy)}`}
      </div>
      {training.terms && (
        <dl className="training-terms" aria-label={`Loss terms of ${training.name}`}>
          {training.terms.map((term) => (
            <div key={term.name}>
              <dt>{term.label}</dt>
              <dd>{term.value.toFixed(3)}</dd>
            </div>
          ))}
        </dl>
      )}
      {training.message && (
        <div className={training.state === 'failed' ? 'job-error' : 'hint'}>{training.message}</div>
      )}
      {running && (
        <div className="job-actions">
          <button
            aria-label={`Cancel training ${training.name}`}
            onClick={() => void attempt(window.timbrefold.cancelTraining(training.id))}
          >
            Cancel
          </button>
        </div>
      )}
      {resumable && (
        <div className="job-actions">
          <button
            aria-label={`Resume training ${training.name}`}
            title={`Continue from the ${training.epoch} finished epochs`}
            onClick={() => void resume()}
          >
            Resume
          </button>
        </div>
      )}
    </li>
  );
}

const TRAINING_STATES: Record<TrainingSummary['state'], string> = {
  queued: 'Queued',
  running: 'Training',
  finished: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function TrainForm({ busy }: { busy: boolean }): React.JSX.Element {
  const [data, setData] = useState<TrainingDataInfo | null>(null);
  const [architecture, setArchitecture] = useState<ModelArchitecture>('verma-smith');
  const [epochs, setEpochs] = useState(10);
  const [name, setName] = useState('');
  const validName = isModelName(name);
  const choose = async (): Promise<void> => {
    const picked = await attempt(window.timbrefold.chooseTrainingData());
    if (!picked) return;
    setData(picked);
    if (!name) setName(picked.folder.split(/[/\\]/).filter(Boolean).at(-1) ?? '');
  };
  const train = async (): Promise<void> => {
    if (!data) return;
    const started = await attempt(
      window.timbrefold.trainModel({ data: data.folder, architecture, epochs, name }),
    );
    if (started) notify('info', `Training ${started.name}.`);
  };
  return (
    <fieldset className="train-form">
      <legend>Train a model</legend>
      <div className="field">
        <span className="field-label">Data folder</span>
        <button onClick={() => void choose()}>Choose folder…</button>
      </div>
      {data ? (
        <p className="hint" aria-label="Training data">
          {data.folder}: {data.classes.length} classes ({data.classes.join(', ')}), {data.clips}{' '}
          clips
        </p>
      ) : (
        <p className="hint">A folder with one subfolder of WAV clips per class.</p>
      )}
      <label className="field">
        <span className="field-label">Architecture</span>
        <select
          aria-label="Architecture"
          value={architecture}
          onChange={(e) => setArchitecture(e.target.value as ModelArchitecture)}
        >
          {(Object.keys(ARCHITECTURE_LABELS) as ModelArchitecture[]).map((a) => (
            <option key={a} value={a}>
              {ARCHITECTURE_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      <EpochsField label="Epochs" value={epochs} onChange={setEpochs} />
      <ModelNameField label="Model name" value={name} onChange={setName} />
      <TrainButton ready={!!data && validName} busy={busy} onTrain={train}>
        Train
      </TrainButton>
    </fieldset>
  );
}

export function ModelsPanel({ trainings, tracks, onClose }: Props): React.JSX.Element {
  const models = useModels();
  const busy = trainings.some((t) => t.state === 'running');
  // Opening the panel reads the cache afresh (the CLI may have changed it meanwhile).
  useEffect(() => void refreshModels(), []);
  const importFrom = async (source: 'bundle' | 'folder'): Promise<void> => {
    const imported = await attempt(window.timbrefold.importModel({ source }));
    if (!imported) return;
    await refreshModels();
    notify('info', `Imported ${imported.name}.`);
  };
  return (
    <section className="panel models-panel" role="dialog" aria-label="Models">
      <div className="models-head">
        <h2>Models</h2>
        <button aria-label="Close models" onClick={onClose}>
          ✕
        </button>
      </div>
      <p className="hint">
        Classifiers the trained-CNN transfer listens with, generators the fast transfer runs, and
        CycleGANs that turn one class of sounds into another.
      </p>
      {models === null ? (
        <p className="hint">Reading the model cache…</p>
      ) : (
        <ul className="model-list" aria-label="Model list">
          {models.map((m) => (
            <ModelRow key={`${m.shipped}:${m.name}`} model={m} />
          ))}
        </ul>
      )}
      <div className="actions">
        <button onClick={() => void importFrom('bundle')}>Import model file…</button>
        <button onClick={() => void importFrom('folder')}>Import model folder…</button>
      </div>
      <TrainForm busy={busy} />
      <TrainGeneratorForm tracks={tracks} busy={busy} />
      <TrainCycleGanForm busy={busy} />
      {trainings.length > 0 && (
        <ol className="trainings" aria-label="Trainings">
          {[...trainings].reverse().map((t, i, newestFirst) => (
            <TrainingRow
              key={t.id}
              training={t}
              superseded={newestFirst.slice(0, i).some((later) => later.name === t.name)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
