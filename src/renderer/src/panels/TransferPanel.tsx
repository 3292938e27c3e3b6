// The transfer panel: method, preset (and for the trained CNN its model and envelope weights),
// alpha and beta on log sliders, iterations, seed, start point, content and style tracks with
// weights, the region; Start and Cancel. Settings are part of the project (each change is an
// edit, so it is saved and undoable).
import type {
  JobSnapshot,
  PresetInfo,
  TransferOptions,
  TransferStartRequest,
} from '../../../shared/ipc-jobs';
import type { ModelInfo } from '../../../shared/ipc-models';
import {
  ITERATION_LIMITS,
  type ProjectDocument,
  type StyleChoice,
  type TrackState,
  type TransferSettings,
} from '../../../shared/ipc-project';
import { attempt, notify } from '../app/notices';
import { formatTime } from '../lanes/time-ticks';
import { usePendingValue } from '../state/use-pending-value';
import { edit } from '../state/use-project';
import type { CnnPresetName, TransferMethod } from '../../../shared/transfer';
import { useModels } from '../state/use-models';
import { LogSlider } from './LogSlider';

export const WEIGHT_RANGE = { min: 1e-5, max: 1e3 };

interface Props {
  document: ProjectDocument;
  options: TransferOptions | null;
  /** The job the Cancel button stops: the newest running or queued one. */
  current: JobSnapshot | null;
}

function set(settings: Partial<TransferSettings>): void {
  edit({ type: 'set-transfer', settings });
}

/** A whole number typed in a box; values out of range are not sent. */
function WholeNumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}): React.JSX.Element {
  const [text, setText, focus] = usePendingValue(String(props.value));
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <input
        type="number"
        aria-label={props.label}
        min={props.min}
        max={props.max}
        value={text}
        {...focus}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value !== '' && Number.isInteger(n) && n >= props.min && n <= props.max)
            props.onChange(n);
        }}
      />
    </label>
  );
}

/** One style track: whether it is used, and its weight in the mix of styles. */
function StyleRow({
  track,
  styles,
}: {
  track: TrackState;
  styles: StyleChoice[];
}): React.JSX.Element {
  const stored = styles.find((s) => s.trackId === track.id);
  const [used, setUsed, usedFocus] = usePendingValue(stored !== undefined);
  const [weight, setWeight, weightFocus] = usePendingValue(stored?.weight ?? 1);
  return (
    <div className="style-choice">
      <label>
        <input
          type="checkbox"
          aria-label={`Use ${track.name} as style`}
          checked={used}
          {...usedFocus}
          onChange={(e) => {
            setUsed(e.target.checked);
            set({
              styles: e.target.checked
                ? [...styles.filter((s) => s.trackId !== track.id), { trackId: track.id, weight }]
                : styles.filter((s) => s.trackId !== track.id),
            });
          }}
        />
        {track.name}
      </label>
      <input
        type="number"
        aria-label={`Weight of ${track.name}`}
        min={0.01}
        step={0.1}
        disabled={!used}
        value={weight}
        {...weightFocus}
        onChange={(e) => {
          const next = Number(e.target.value);
          if (!(next > 0)) return;
          setWeight(next);
          set({ styles: styles.map((s) => (s.trackId === track.id ? { ...s, weight: next } : s)) });
        }}
      />
    </div>
  );
}

/** What a preset sets when it is chosen (the method's own weights and starting point). */
function presetSettings(preset: PresetInfo): Partial<TransferSettings> {
  const { contentWeight, styleWeight, iterations, seed, start, energyWeight, frequencyWeight } =
    preset.settings;
  return {
    preset: preset.name,
    contentWeight,
    styleWeight,
    iterations,
    seed,
    start,
    ...(energyWeight !== undefined && { energyWeight }),
    ...(frequencyWeight !== undefined && { frequencyWeight }),
  };
}

/** The model a CNN transfer uses: the chosen one if it fits the preset, else the preset's shipped one. */
export function modelFor(
  preset: CnnPresetName,
  chosen: string | null | undefined,
  models: ModelInfo[],
): ModelInfo | undefined {
  const usable = models.filter((m) => m.status === 'ok' && m.architecture === preset);
  return usable.find((m) => m.name === chosen) ?? usable.find((m) => m.shipped) ?? usable[0];
}

export function TransferPanel({ document, options, current }: Props): React.JSX.Element {
  const { transfer, tracks, selection } = document;
  const models = useModels() ?? [];
  const contentTracks = tracks.filter((t) => t.role === 'content');
  const styleTracks = tracks.filter((t) => t.role === 'style');
  const method = options?.methods.find((m) => m.method === transfer.method);
  const preset = method?.presets.find((p) => p.name === transfer.preset) ?? method?.presets[0];
  const cnn = transfer.method === 'cnn';
  const cnnPreset = (preset?.name ?? 'verma-smith') as CnnPresetName;
  const model = cnn ? modelFor(cnnPreset, transfer.model, models) : undefined;
  const energyWeight = transfer.energyWeight ?? preset?.settings.energyWeight ?? 1e-2;
  const frequencyWeight = transfer.frequencyWeight ?? preset?.settings.frequencyWeight ?? 1e-2;
  const chosenStyles = transfer.styles.filter((s) => styleTracks.some((t) => t.id === s.trackId));
  const ready =
    transfer.contentTrackId !== null && chosenStyles.length > 0 && (!cnn || model !== undefined);

  const start = async (): Promise<void> => {
    if (!transfer.contentTrackId) return;
    const common = {
      contentTrackId: transfer.contentTrackId,
      styles: chosenStyles,
      region: selection,
    };
    const weights = {
      contentWeight: transfer.contentWeight,
      styleWeight: transfer.styleWeight,
      iterations: transfer.iterations,
      seed: transfer.seed,
      start: transfer.start,
    };
    const request: TransferStartRequest = cnn
      ? {
          ...common,
          method: 'cnn',
          preset: cnnPreset,
          ...(model && { model: model.name }),
          settings: { ...weights, energyWeight, frequencyWeight },
        }
      : {
          ...common,
          method: 'shallow',
          preset: transfer.preset === 'ulyanov' ? 'ulyanov' : 'default',
          settings: weights,
        };
    const job = await attempt(window.timbrefold.startTransfer(request));
    if (job) notify('info', `Started ${job.name}.`);
  };

  const applyPreset = (name: TransferSettings['preset']): void => {
    const chosen = method?.presets.find((p) => p.name === name);
    set(chosen ? presetSettings(chosen) : { preset: name });
  };

  const switchMethod = (next: TransferMethod): void => {
    const first = options?.methods.find((m) => m.method === next)?.presets[0];
    set({ method: next, ...(first && presetSettings(first)) });
  };

  return (
    <section className="panel transfer-panel" aria-label="Transfer">
      <h2>Transfer</h2>
      <label className="field">
        <span className="field-label">Method</span>
        <select
          aria-label="Method"
          value={transfer.method}
          onChange={(e) => switchMethod(e.target.value as TransferMethod)}
        >
          {(options?.methods ?? [{ method: 'shallow', label: 'Shallow random network' }]).map(
            (m) => (
              <option key={m.method} value={m.method}>
                {m.label}
              </option>
            ),
          )}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Preset</span>
        <select
          aria-label="Preset"
          value={preset?.name ?? transfer.preset}
          onChange={(e) => applyPreset(e.target.value as TransferSettings['preset'])}
        >
          {(method?.presets ?? []).map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {cnn && (
        <label className="field">
          <span className="field-label">Model</span>
          <select
            aria-label="Model"
            value={model?.name ?? ''}
            onChange={(e) => set({ model: e.target.value || null })}
          >
            {!model && <option value="">(no {cnnPreset} model: train or import one)</option>}
            {models
              .filter((m) => m.status === 'ok' && m.architecture === cnnPreset)
              .map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                  {m.shipped ? ' (shipped)' : ''} · {m.classes.join(', ')}
                </option>
              ))}
          </select>
        </label>
      )}
      <LogSlider
        label="Content weight (alpha)"
        value={transfer.contentWeight}
        range={WEIGHT_RANGE}
        onChange={(contentWeight) => set({ contentWeight })}
      />
      <LogSlider
        label="Style weight (beta)"
        value={transfer.styleWeight}
        range={WEIGHT_RANGE}
        onChange={(styleWeight) => set({ styleWeight })}
      />
      {cnn && (
        <>
          <LogSlider
            label="Energy envelope weight"
            value={energyWeight}
            range={WEIGHT_RANGE}
            onChange={(energy) => set({ energyWeight: energy })}
          />
          <LogSlider
            label="Frequency envelope weight"
            value={frequencyWeight}
            range={WEIGHT_RANGE}
            onChange={(frequency) => set({ frequencyWeight: frequency })}
          />
        </>
      )}
      <div className="field-row">
        <WholeNumberField
          label="Iterations"
          value={transfer.iterations}
          min={ITERATION_LIMITS.min}
          max={ITERATION_LIMITS.max}
          onChange={(iterations) => set({ iterations })}
        />
        <WholeNumberField
          label="Seed"
          value={transfer.seed}
          min={0}
          max={2 ** 31 - 1}
          onChange={(seed) => set({ seed })}
        />
      </div>
      <label className="field">
        <span className="field-label">Start from</span>
        <select
          aria-label="Start from"
          value={transfer.start}
          onChange={(e) => set({ start: e.target.value as 'content' | 'noise' })}
        >
          <option value="content">the content</option>
          <option value="noise">noise</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Content track</span>
        <select
          aria-label="Content track"
          value={transfer.contentTrackId ?? ''}
          onChange={(e) => set({ contentTrackId: e.target.value || null })}
        >
          {contentTracks.length === 0 && <option value="">(import a content clip)</option>}
          {contentTracks.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="styles">
        <legend>Style tracks</legend>
        {styleTracks.length === 0 && <p className="hint">Import a style clip.</p>}
        {styleTracks.map((t) => (
          <StyleRow key={t.id} track={t} styles={transfer.styles} />
        ))}
      </fieldset>
      <div className="region">
        {selection ? (
          <>
            <span>
              Region {formatTime(selection.start, 0.01)} – {formatTime(selection.end, 0.01)}
            </span>
            <button onClick={() => edit({ type: 'set-selection', selection: null })}>
              Clear selection
            </button>
          </>
        ) : (
          <span className="hint">
            Region: the whole content clip (drag on the timeline to choose part of it)
          </span>
        )}
      </div>
      <div className="actions">
        <button className="primary" disabled={!ready} onClick={() => void start()}>
          Start transfer
        </button>
        <button
          disabled={!current}
          onClick={() => current && void attempt(window.timbrefold.cancelTransfer(current.id))}
        >
          Cancel transfer
        </button>
      </div>
    </section>
  );
}
