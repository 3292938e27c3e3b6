// Export Stems: chosen tracks as WAV files (16/24-bit PCM or 32-bit float, 44.1/48/96 kHz)
// aligned to the session start, optionally padded to one length, named by a pattern.
import { useState } from 'react';
import {
  DEFAULT_NAMING_PATTERN,
  STEM_SAMPLE_RATES,
  type ExportStemsResult,
  type StemSampleFormat,
  type StemSampleRate,
} from '../../../shared/ipc-export';
import type { TrackState } from '../../../shared/ipc-project';
import { attempt, notify } from '../app/notices';

interface Props {
  tracks: TrackState[];
  onClose: () => void;
}

export function ExportDialog({ tracks, onClose }: Props): React.JSX.Element {
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(tracks.map((t) => t.id)));
  const [sampleFormat, setSampleFormat] = useState<StemSampleFormat>('pcm24');
  const [sampleRate, setSampleRate] = useState<StemSampleRate>(48000);
  const [pad, setPad] = useState(true);
  const [replace, setReplace] = useState(false);
  const [pattern, setPattern] = useState(DEFAULT_NAMING_PATTERN);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportStemsResult | null>(null);

  const run = async (): Promise<void> => {
    setBusy(true);
    const done = await attempt(
      window.timbrefold.exportStems({
        trackIds: tracks.filter((t) => chosen.has(t.id)).map((t) => t.id),
        sampleFormat,
        sampleRate,
        padToCommonLength: pad,
        replace,
        namingPattern: pattern,
      }),
    );
    setBusy(false);
    if (done) {
      setResult(done);
      notify(
        'info',
        `Exported ${done.stems.length} stem${done.stems.length === 1 ? '' : 's'} to ${done.folder}.`,
      );
    }
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label="Export stems dialog">
        <h2>Export stems</h2>
        <fieldset>
          <legend>Tracks</legend>
          {tracks.map((t) => (
            <label key={t.id} className="inline">
              <input
                type="checkbox"
                aria-label={`Export ${t.name}`}
                checked={chosen.has(t.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(t.id);
                  else next.delete(t.id);
                  setChosen(next);
                }}
              />
              {t.name}
            </label>
          ))}
        </fieldset>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Sample format</span>
            <select
              aria-label="Sample format"
              value={sampleFormat}
              onChange={(e) => setSampleFormat(e.target.value as StemSampleFormat)}
            >
              <option value="pcm16">16-bit PCM</option>
              <option value="pcm24">24-bit PCM</option>
              <option value="float32">32-bit float</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">Sample rate</span>
            <select
              aria-label="Sample rate"
              value={sampleRate}
              onChange={(e) => setSampleRate(Number(e.target.value) as StemSampleRate)}
            >
              {STEM_SAMPLE_RATES.map((rate) => (
                <option key={rate} value={rate}>
                  {rate / 1000} kHz
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="inline">
          <input
            type="checkbox"
            aria-label="Pad to a common length"
            checked={pad}
            onChange={(e) => setPad(e.target.checked)}
          />
          Pad to a common length
        </label>
        <label className="inline">
          <input
            type="checkbox"
            aria-label="Replace files of the same names"
            checked={replace}
            onChange={(e) => setReplace(e.target.checked)}
          />
          Replace files of the same names (never your sources or the project's clips)
        </label>
        <label className="field">
          <span className="field-label">File names</span>
          <input
            aria-label="File names"
            value={pattern}
            onChange={(e) => setPattern(e.target.value)}
          />
          <span className="hint">
            {'{n}'} number, {'{track}'} name, {'{role}'}, {'{project}'}
          </span>
        </label>
        {result && (
          <ul className="export-result" aria-label="Exported files">
            {result.stems.map((s) => (
              <li key={s.file}>{s.file}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button
            className="primary"
            disabled={busy || chosen.size === 0 || !pattern.trim()}
            onClick={() => void run()}
          >
            {busy ? 'Exporting…' : 'Export'}
          </button>
          <button onClick={onClose}>{result ? 'Close' : 'Cancel'}</button>
        </div>
      </div>
    </div>
  );
}
