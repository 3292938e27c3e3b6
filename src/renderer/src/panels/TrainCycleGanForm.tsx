// "Train a CycleGAN" (METHODS.md 5): a folder with two class subfolders, granted through the
// training-folder dialog, and the settings the training declares for the panel (epochs, learning
// rate, cycle and identity weights), whose fields come from the declarations the main process
// sends (models:cyclegan-options). Its progress with every loss term, cancel and resume are the
// Models panel's trainings list, as for the other kinds.
import { isModelName } from '../../../shared/model-name';
import { ModelNameField } from './ModelNameField';
import { useEffect, useState } from 'react';
import type { ClassPairInfo } from '../../../shared/ipc-models';
import {
  defaultsOf,
  type ParameterDeclaration,
  type ParameterValue,
} from '../../../shared/parameters';
import { attempt, notify } from '../app/notices';
import { ParameterControl } from './ParameterControl';
import { TrainButton } from './TrainButton';

const clipCount = (n: number): string => `${n} WAV ${n === 1 ? 'clip' : 'clips'}`;

export function TrainCycleGanForm({ busy }: { busy: boolean }): React.JSX.Element {
  const [fields, setFields] = useState<ParameterDeclaration[] | null>(null);
  const [values, setValues] = useState<Record<string, ParameterValue>>({});
  const [data, setData] = useState<ClassPairInfo | null>(null);
  const [name, setName] = useState('');
  const validName = isModelName(name);

  useEffect(() => {
    let live = true;
    void attempt(window.timbrefold.cycleGanOptions()).then((options) => {
      if (!live || !options) return;
      const shown = options.parameters.filter((d) => d.panel);
      setFields(shown);
      setValues(defaultsOf(shown) as Record<string, ParameterValue>);
    });
    return () => {
      live = false;
    };
  }, []);

  const choose = async (): Promise<void> => {
    const picked = await attempt(window.timbrefold.chooseClassPair());
    if (!picked) return;
    setData(picked);
    if (!name) setName(`${picked.classes.join('-')}-cyclegan`.replace(/[^A-Za-z0-9._-]+/g, '-'));
  };
  const train = async (): Promise<void> => {
    if (!data) return;
    const started = await attempt(
      window.timbrefold.trainCycleGan({ data: data.folder, name, settings: values }),
    );
    if (started) notify('info', `Training ${started.name}.`);
  };

  return (
    <fieldset className="train-form" aria-label="Train a CycleGAN">
      <legend>Train a CycleGAN</legend>
      <p className="hint">
        Two classes of sounds, learnt both ways: then the CycleGAN method turns a clip of either
        class into the other in one pass.
      </p>
      <div className="field">
        <span className="field-label">Class folders</span>
        <button onClick={() => void choose()}>Choose class folders…</button>
      </div>
      {data ? (
        <p className="hint" aria-label="Class clips">
          {`${data.folder}: ${data.classes[0]} (${clipCount(data.clips[0])}) ⇄ ${data.classes[1]} (${clipCount(data.clips[1])})`}
        </p>
      ) : (
        <p className="hint">A folder with exactly two subfolders of WAV clips, one per class.</p>
      )}
      {fields?.map((d) => (
        <ParameterControl
          key={d.name}
          declaration={d}
          context="CycleGAN"
          value={values[d.name]}
          onChange={(value) => setValues((v) => ({ ...v, [d.name]: value }))}
        />
      ))}
      <ModelNameField label="CycleGAN name" value={name} onChange={setName} />
      <TrainButton ready={!!data && !!fields && validName} busy={busy} onTrain={train}>
        Train CycleGAN
      </TrainButton>
    </fieldset>
  );
}
