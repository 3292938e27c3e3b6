// "Train a generator" (the fast method's model, METHODS.md 4): the style is a track of the project,
// the content a folder of clips the user grants through the folder dialog. Its progress, cancel
// and resume are the Models panel's trainings list, as for a classifier.
import { isModelName } from '../../../shared/model-name';
import { ModelNameField } from './ModelNameField';
import { useState } from 'react';
import type { ContentFolderInfo } from '../../../shared/ipc-models';
import type { TrackState } from '../../../shared/ipc-project';
import { attempt, notify } from '../app/notices';
import { EpochsField } from './EpochsField';
import { TrainButton } from './TrainButton';

interface Props {
  tracks: readonly TrackState[];
  busy: boolean;
}

/** The training's own default (GENERATOR_DEFAULTS.epochs): the paper's 10. */
const DEFAULT_EPOCHS = 10;

export function TrainGeneratorForm({ tracks, busy }: Props): React.JSX.Element {
  // Style tracks first: the clip a user marked as a style is the likely choice.
  const choices = [...tracks].sort(
    (a, b) => Number(b.role === 'style') - Number(a.role === 'style'),
  );
  const [styleTrackId, setStyleTrackId] = useState<string>('');
  const [content, setContent] = useState<ContentFolderInfo | null>(null);
  const [epochs, setEpochs] = useState(DEFAULT_EPOCHS);
  const [name, setName] = useState('');
  const style = choices.find((t) => t.id === styleTrackId) ?? choices[0];
  const validName = isModelName(name);

  const choose = async (): Promise<void> => {
    const picked = await attempt(window.timbrefold.chooseContentFolder());
    if (!picked) return;
    setContent(picked);
    if (!name && style) setName(`${style.name.replace(/[^A-Za-z0-9._-]+/g, '-')}-generator`);
  };
  const train = async (): Promise<void> => {
    if (!content || !style) return;
    const started = await attempt(
      window.timbrefold.trainGenerator({
        styleTrackId: style.id,
        data: content.folder,
        epochs,
        name,
      }),
    );
    if (started) notify('info', `Training ${started.name}.`);
  };

  return (
    <fieldset className="train-form" aria-label="Train a generator">
      <legend>Train a generator</legend>
      <p className="hint">
        One style, learnt once: then the fast method transfers any clip in one pass.
      </p>
      <label className="field">
        <span className="field-label">Style track</span>
        <select
          aria-label="Style track"
          value={style?.id ?? ''}
          onChange={(e) => setStyleTrackId(e.target.value)}
        >
          {choices.length === 0 && <option value="">(import a style clip)</option>}
          {choices.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.role})
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span className="field-label">Content folder</span>
        <button onClick={() => void choose()}>Choose content folder…</button>
      </div>
      {content ? (
        <p className="hint" aria-label="Content clips">
          {content.folder}: {content.clips} WAV {content.clips === 1 ? 'clip' : 'clips'}
        </p>
      ) : (
        <p className="hint">A folder of clips to learn from (WAVs in any subfolder, any length).</p>
      )}
      <EpochsField label="Generator epochs" value={epochs} onChange={setEpochs} />
      <ModelNameField label="Generator name" value={name} onChange={setName} />
      <TrainButton ready={!!content && !!style && validName} busy={busy} onTrain={train}>
        Train generator
      </TrainButton>
    </fieldset>
  );
}
