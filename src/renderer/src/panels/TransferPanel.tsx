// The transfer panel: method, preset (and for a model's method its model), then one control per
// setting the method declares for the panel (log sliders for weights, number fields, choices),
// built from the declarations the main process sends, so a new method needs no page code. Then
// the content and style tracks with weights, the region; Start and Cancel. Settings are part of
// the project (each change is an edit, so it is saved and undoable). A method whose style is its
// model's (the fast method) can take more content clips at once: one job and result each.
import { useState } from 'react';
import type {
  JobSnapshot,
  MethodInfo,
  PresetInfo,
  TransferOptions,
  TransferStartRequest,
} from '../../../shared/ipc-jobs';
import type { ModelInfo } from '../../../shared/ipc-models';
import {
  KEEP_PITCH_PRESET,
  type ParameterDeclaration,
  type ParameterValue,
} from '../../../shared/parameters';
import type {
  ProjectDocument,
  StyleChoice,
  TrackState,
  TransferSettings,
} from '../../../shared/ipc-project';
import { attempt, notify } from '../app/notices';
import { formatTime } from '../lanes/time-ticks';
import { usePendingValue } from '../state/use-pending-value';
import { edit } from '../state/use-project';
import { useModels } from '../state/use-models';
import { methodTip, PANEL_TIPS, sentence } from './guidance';
import { ParameterControl } from './ParameterControl';
import { StyleNoteWarning } from './StyleNoteWarning';

interface Props {
  document: ProjectDocument;
  options: TransferOptions | null;
  /** The job the Cancel button stops: the newest running or queued one. */
  current: JobSnapshot | null;
}

function set(settings: Partial<TransferSettings>): void {
  edit({ type: 'set-transfer', settings });
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
      <label title={PANEL_TIPS.style}>
        <input
          type="checkbox"
          aria-label={`Use ${track.name} as style`}
          aria-description={PANEL_TIPS.style}
          checked={used}
          {...usedFocus}
          onChange={(e) => {
            setUsed(e.target.checked);
            edit({
              type: 'set-style',
              trackId: track.id,
              weight: e.target.checked ? weight : null,
            });
          }}
        />
        {track.name}
      </label>
      <input
        type="number"
        aria-label={`Weight of ${track.name}`}
        title={PANEL_TIPS.styleWeight}
        aria-description={PANEL_TIPS.styleWeight}
        min={0.01}
        step={0.1}
        disabled={!used}
        value={weight}
        {...weightFocus}
        onChange={(e) => {
          const next = Number(e.target.value);
          if (!(next > 0)) return;
          setWeight(next);
          edit({ type: 'set-style', trackId: track.id, weight: next });
        }}
      />
    </div>
  );
}

/** The models a method can use: classifiers of the preset's architecture, or its kind of model. */
export function usableModels(
  method: Pick<MethodInfo, 'modelKind'>,
  preset: string,
  models: ModelInfo[],
): ModelInfo[] {
  return models.filter(
    (m) =>
      m.status === 'ok' &&
      (m.kind ?? 'classifier') === method.modelKind &&
      (method.modelKind !== 'classifier' || m.architecture === preset),
  );
}

/** The model a model's transfer uses: the chosen one if it fits, else a shipped one, else the first. */
export function modelFor(
  method: Pick<MethodInfo, 'modelKind'>,
  preset: string,
  chosen: string | null | undefined,
  models: ModelInfo[],
): ModelInfo | undefined {
  const usable = usableModels(method, preset, models);
  return usable.find((m) => m.name === chosen) ?? usable.find((m) => m.shipped) ?? usable[0];
}

/** The value a control shows: the user's, else the preset's. */
export function shownValue(
  transfer: TransferSettings,
  preset: PresetInfo | undefined,
  name: string,
): ParameterValue | undefined {
  return transfer.values[name] ?? preset?.settings[name];
}

/** Sliders first, then whole numbers side by side, then the rest: the panel's reading order. */
function controlGroups(method: MethodInfo | undefined): ParameterDeclaration[][] {
  const shown = (method?.parameters ?? []).filter((d) => d.panel);
  const sliders: ParameterDeclaration[] = shown.filter(
    (d) => d.kind === 'number' && d.scale === 'log',
  );
  const wholes: ParameterDeclaration[] = shown.filter((d) => d.kind === 'integer');
  const rest = shown.filter((d) => !sliders.includes(d) && !wholes.includes(d));
  return [sliders, wholes, rest];
}

export function TransferPanel({ document, options, current }: Props): React.JSX.Element {
  const { transfer, tracks, selection } = document;
  const models = useModels() ?? [];
  const contentTracks = tracks.filter((t) => t.role === 'content');
  const styleTracks = tracks.filter((t) => t.role === 'style');
  const method = options?.methods.find((m) => m.method === transfer.method);
  const preset = method?.presets.find((p) => p.name === transfer.preset) ?? method?.presets[0];
  const usesModel = method?.usesModel ?? false;
  const model =
    usesModel && method && preset
      ? modelFor(method, preset.name, transfer.model, models)
      : undefined;
  const styleFromModel = method?.styleFrom === 'model';
  // More content clips for a one-model batch; not part of the project (a choice for this start).
  const [moreContent, setMoreContent] = useState<string[]>([]);
  const batch = styleFromModel
    ? moreContent.filter(
        (id) => id !== transfer.contentTrackId && contentTracks.some((t) => t.id === id),
      )
    : [];
  const chosenStyles = transfer.styles.filter((s) => styleTracks.some((t) => t.id === s.trackId));
  const [sliders, wholes, rest] = controlGroups(method);
  const presetTip = [preset?.doc && sentence(preset.doc), PANEL_TIPS.preset]
    .filter(Boolean)
    .join(' ');
  const ready =
    method !== undefined &&
    transfer.contentTrackId !== null &&
    (styleFromModel || chosenStyles.length > 0) &&
    (!usesModel || model !== undefined);

  // Only the changed value travels: one built from this render's values would undo a newer
  // edit of another control still on its way (a key held on alpha, then beta).
  const setValue = (name: string, value: ParameterValue): void =>
    edit({ type: 'set-transfer-value', name, value });

  const start = async (): Promise<void> => {
    if (!transfer.contentTrackId || !method || !preset) return;
    const settings = Object.fromEntries(
      method.parameters
        .filter((d) => d.panel)
        .flatMap((d) => {
          const value = shownValue(transfer, preset, d.name);
          return value === undefined ? [] : [[d.name, value]];
        }),
    );
    const request: TransferStartRequest = {
      method: method.method,
      preset: preset.name,
      ...(usesModel && model && { model: model.name }),
      contentTrackId: transfer.contentTrackId,
      styles: styleFromModel ? [] : chosenStyles,
      region: selection,
      settings,
    };
    if (batch.length > 0) {
      const jobs = await attempt(
        window.timbrefold.startTransferBatch(request, [transfer.contentTrackId, ...batch]),
      );
      if (jobs) notify('info', `Started ${jobs.length} transfers, one per clip.`);
      return;
    }
    const job = await attempt(window.timbrefold.startTransfer(request));
    if (job) notify('info', `Started ${job.name}.`);
  };

  // A preset (or another method) starts from its own values: what the user changed is dropped.
  const applyPreset = (name: string): void => set({ preset: name, values: {} });
  const switchMethod = (next: string): void => {
    const first = options?.methods.find((m) => m.method === next)?.presets[0];
    set({ method: next, ...(first && { preset: first.name }), values: {} });
  };
  const control = (d: ParameterDeclaration) => (
    <ParameterControl
      key={`${transfer.method}:${d.name}`}
      declaration={d}
      value={shownValue(transfer, preset, d.name)}
      onChange={(value) => setValue(d.name, value)}
      modelClasses={model?.classes}
    />
  );

  return (
    <section className="panel transfer-panel" aria-label="Transfer">
      <h2>Transfer</h2>
      <label className="field" title={methodTip(options?.methods ?? [])}>
        <span className="field-label">Method</span>
        <select
          aria-label="Method"
          aria-description={methodTip(options?.methods ?? [])}
          value={transfer.method}
          onChange={(e) => switchMethod(e.target.value)}
        >
          {(options?.methods ?? []).map((m) => (
            <option key={m.method} value={m.method}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field" title={presetTip}>
        <span className="field-label">Preset</span>
        <select
          aria-label="Preset"
          aria-description={presetTip}
          value={preset?.name ?? transfer.preset}
          onChange={(e) => applyPreset(e.target.value)}
        >
          {(method?.presets ?? []).map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {usesModel && preset && (
        <label className="field" title={PANEL_TIPS.model}>
          <span className="field-label">Model</span>
          <select
            aria-label="Model"
            aria-description={PANEL_TIPS.model}
            value={model?.name ?? ''}
            onChange={(e) => set({ model: e.target.value || null })}
          >
            {!model && (
              <option value="">
                (no{' '}
                {method?.modelKind === 'generator'
                  ? 'generator'
                  : method?.modelKind === 'cyclegan'
                    ? 'CycleGAN'
                    : `${preset.name} model`}
                : train or import one)
              </option>
            )}
            {usableModels(method!, preset.name, models).map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
                {m.shipped ? ' (shipped)' : ''} ·{' '}
                {m.kind === 'generator' ? `style ${m.style ?? '?'}` : m.classes.join(', ')}
              </option>
            ))}
          </select>
        </label>
      )}
      {sliders!.map(control)}
      {wholes!.length > 0 && <div className="field-row">{wholes!.map(control)}</div>}
      {rest!.map(control)}
      <label className="field" title={PANEL_TIPS.contentTrack}>
        <span className="field-label">Content track</span>
        <select
          aria-label="Content track"
          aria-description={PANEL_TIPS.contentTrack}
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
      {styleFromModel && contentTracks.length > 1 && (
        <fieldset className="styles" aria-label="More content clips">
          <legend>More content clips (one result each, whole clips)</legend>
          {contentTracks
            .filter((t) => t.id !== transfer.contentTrackId)
            .map((t) => (
              <label key={t.id} className="batch-choice">
                <input
                  type="checkbox"
                  aria-label={`Also transfer ${t.name}`}
                  checked={moreContent.includes(t.id)}
                  onChange={(e) =>
                    setMoreContent((ids) =>
                      e.target.checked ? [...ids, t.id] : ids.filter((id) => id !== t.id),
                    )
                  }
                />
                {t.name}
              </label>
            ))}
        </fieldset>
      )}
      {styleFromModel ? (
        <p className="hint">The style is the model’s own: no style track is needed.</p>
      ) : (
        <fieldset className="styles">
          <legend>Style tracks</legend>
          {styleTracks.length === 0 && <p className="hint">Import a style clip.</p>}
          {styleTracks.map((t) => (
            <StyleRow key={t.id} track={t} styles={transfer.styles} />
          ))}
        </fieldset>
      )}
      {!styleFromModel && (
        <StyleNoteWarning
          styles={styleTracks.filter((t) => chosenStyles.some((s) => s.trackId === t.id))}
          keepPitchPreset={
            preset?.name === KEEP_PITCH_PRESET
              ? undefined
              : method?.presets.find((p) => p.name === KEEP_PITCH_PRESET)
          }
          onUsePreset={applyPreset}
        />
      )}
      <div className="region">
        {selection ? (
          <>
            <span>
              Region {formatTime(selection.start, 0.01)} – {formatTime(selection.end, 0.01)}
            </span>
            <button
              title={PANEL_TIPS.region}
              onClick={() => edit({ type: 'set-selection', selection: null })}
            >
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
        <button
          className="primary"
          disabled={!ready}
          title={PANEL_TIPS.start}
          onClick={() => void start()}
        >
          {batch.length > 0 ? `Start ${batch.length + 1} transfers` : 'Start transfer'}
        </button>
        <button
          disabled={!current}
          title={PANEL_TIPS.cancel}
          onClick={() => current && void attempt(window.timbrefold.cancelTransfer(current.id))}
        >
          Cancel transfer
        </button>
      </div>
    </section>
  );
}
