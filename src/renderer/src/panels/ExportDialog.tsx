// Export Stems: chosen tracks as WAV (16/24-bit PCM or 32-bit float), FLAC (16/24-bit) or MP3,
// at the project's rate or another, aligned to the session start (or the selection's), optionally
// padded to one length, named by a pattern; then Show in folder in the desktop app.
import { useState } from 'react';
import {
  DEFAULT_NAMING_PATTERN,
  MP3_BITRATES,
  STEM_SAMPLE_RATES,
  type ExportStemsResult,
  type Mp3Bitrate,
  type StemFileFormat,
  type StemSampleFormat,
} from '../../../shared/ipc-export';
import type { TimeSelection, TrackState } from '../../../shared/ipc-project';
import { attempt, notify } from '../app/notices';

interface Props {
  tracks: TrackState[];
  /** The session's time selection, offered as "only the selection". */
  selection: TimeSelection | null;
  /** Show in folder exists in the desktop app only. */
  canShowInFolder: boolean;
  onClose: () => void;
}

/** The project's rate: its content clip's, else its first clip's. */
export function projectRate(tracks: TrackState[]): number {
  const clip = (tracks.find((t) => t.role === 'content') ?? tracks[0])?.clip;
  return clip?.sampleRate ?? 48000;
}

const FORMAT_LABELS: Record<StemFileFormat, string> = {
  wav: 'WAV',
  flac: 'FLAC (lossless)',
  mp3: 'MP3',
};

function kilohertz(rate: number): string {
  return `${(rate / 1000).toLocaleString('en', { maximumFractionDigits: 3 })} kHz`;
}

export function ExportDialog({
  tracks,
  selection,
  canShowInFolder,
  onClose,
}: Props): React.JSX.Element {
  const ownRate = projectRate(tracks);
  const rates = [...new Set<number>([ownRate, ...STEM_SAMPLE_RATES])];
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(tracks.map((t) => t.id)));
  const [fileFormat, setFileFormat] = useState<StemFileFormat>('wav');
  const [sampleFormat, setSampleFormat] = useState<StemSampleFormat>('pcm24');
  const [mp3Bitrate, setMp3Bitrate] = useState<Mp3Bitrate>(320);
  const [sampleRate, setSampleRate] = useState<number>(ownRate);
  const [onlySelection, setOnlySelection] = useState(false);
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
        fileFormat,
        // FLAC has no float samples: 24-bit is the closest.
        sampleFormat: fileFormat === 'flac' && sampleFormat === 'float32' ? 'pcm24' : sampleFormat,
        sampleRate,
        ...(fileFormat === 'mp3' && { mp3Bitrate }),
        ...(onlySelection && selection && { range: selection }),
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
        <div className="export-formats">
          <label className="field">
            <span className="field-label">File format</span>
            <select
              aria-label="File format"
              value={fileFormat}
              onChange={(e) => setFileFormat(e.target.value as StemFileFormat)}
            >
              {(Object.keys(FORMAT_LABELS) as StemFileFormat[]).map((format) => (
                <option key={format} value={format}>
                  {FORMAT_LABELS[format]}
                </option>
              ))}
            </select>
          </label>
          {fileFormat === 'mp3' ? (
            <label className="field">
              <span className="field-label">Bit rate</span>
              <select
                aria-label="Bit rate"
                value={mp3Bitrate}
                onChange={(e) => setMp3Bitrate(Number(e.target.value) as Mp3Bitrate)}
              >
                {MP3_BITRATES.map((rate) => (
                  <option key={rate} value={rate}>
                    {rate} kbit/s
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label className="field">
              <span className="field-label">Sample format</span>
              <select
                aria-label="Sample format"
                value={fileFormat === 'flac' && sampleFormat === 'float32' ? 'pcm24' : sampleFormat}
                onChange={(e) => setSampleFormat(e.target.value as StemSampleFormat)}
              >
                <option value="pcm16">16-bit PCM</option>
                <option value="pcm24">24-bit PCM</option>
                {fileFormat === 'wav' && <option value="float32">32-bit float</option>}
              </select>
            </label>
          )}
          <label className="field">
            <span className="field-label">Sample rate</span>
            <select
              aria-label="Sample rate"
              value={sampleRate}
              onChange={(e) => setSampleRate(Number(e.target.value))}
            >
              {rates.map((rate) => (
                <option key={rate} value={rate}>
                  {rate === ownRate ? `${kilohertz(rate)} (project)` : kilohertz(rate)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {fileFormat === 'mp3' && (
          <p className="hint">
            MP3 starts with a few milliseconds of encoder silence, so it does not line up
            sample-exactly in a DAW: use WAV or FLAC for stems.
          </p>
        )}
        <label className="inline">
          <input
            type="checkbox"
            aria-label="Only the selection"
            checked={onlySelection && selection !== null}
            disabled={selection === null}
            onChange={(e) => setOnlySelection(e.target.checked)}
          />
          {selection
            ? `Only the selection (${selection.start.toFixed(2)} s to ${selection.end.toFixed(2)} s)`
            : 'Only the selection (drag on the timeline to make one)'}
        </label>
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
              <li key={s.file}>
                {s.file}
                {canShowInFolder && (
                  <button
                    className="small"
                    aria-label={`Show ${s.file} in its folder`}
                    onClick={() => void attempt(window.timbrefold.showInFolder(s.file))}
                  >
                    Show in folder
                  </button>
                )}
              </li>
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
