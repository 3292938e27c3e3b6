// Getting audio in: the Import dialog, files dropped on the window, compressed formats decoded by
// the page's audio stack (sent to the main process as PCM), and recording from the microphone.
import type { ImportResult, ImportRole } from '../../../shared/ipc-channels';
import { attempt, notify } from './notices';

/** Decoding rate for compressed files: the page's audio stack decodes at its context's rate. */
const DECODE_RATE = 48000;

async function decode(bytes: ArrayBuffer): Promise<AudioBuffer> {
  const context = new OfflineAudioContext(1, 1, DECODE_RATE);
  return context.decodeAudioData(bytes);
}

function channelsOf(buffer: AudioBuffer): Float32Array[] {
  return Array.from({ length: buffer.numberOfChannels }, (_, i) =>
    buffer.getChannelData(i).slice(),
  );
}

async function importDecoded(name: string, bytes: ArrayBuffer, role: ImportRole): Promise<void> {
  let buffer: AudioBuffer;
  try {
    buffer = await decode(bytes);
  } catch {
    notify('error', `${name} could not be decoded: it is not an audio format this app can read.`);
    return;
  }
  await attempt(
    window.timbrefold.importPcm({
      name,
      sampleRate: buffer.sampleRate,
      channels: channelsOf(buffer),
      role,
    }),
  );
}

/** Decodes the compressed files the main process handed back, in the role they would get. */
async function finish(result: ImportResult | undefined, role?: ImportRole): Promise<void> {
  let hasContent = result?.snapshot.document.tracks.some((t) => t.role === 'content') ?? false;
  for (const file of result?.toDecode ?? []) {
    const response = await attempt(fetch(file.url));
    if (!response?.ok) continue;
    await importDecoded(
      file.name,
      await response.arrayBuffer(),
      role ?? (hasContent ? 'style' : 'content'),
    );
    hasContent = true;
  }
}

/** The file types the browser's chooser offers (the same as the desktop dialog's). */
const AUDIO_ACCEPT = 'audio/*,.wav,.wave,.mp3,.flac,.ogg,.oga,.opus,.m4a,.aac,.webm';

/** The browser's own file chooser; resolves with no files when the user cancels. */
function chooseBrowserFiles(): Promise<File[]> {
  const input = Object.assign(document.createElement('input'), {
    type: 'file',
    multiple: true,
    accept: AUDIO_ACCEPT,
  });
  return new Promise((resolve) => {
    input.addEventListener('change', () => resolve([...(input.files ?? [])]));
    input.addEventListener('cancel', () => resolve([]));
    input.click();
  });
}

/**
 * The Import Audio command. In the desktop app the main process shows the system's dialog; in a
 * browser the files are on the user's computer, not the host's, so the browser's chooser picks
 * them and their bytes are uploaded as a drop's are.
 */
export async function importWithDialog(inBrowser: boolean, hasContent: boolean): Promise<void> {
  if (inBrowser) {
    const files = await chooseBrowserFiles();
    if (files.length > 0) await importDropped(files, hasContent);
    return;
  }
  await finish(await attempt(window.timbrefold.importAudio({})));
}

/** Files dropped on the window. */
export async function importDropped(files: File[], hasContent: boolean): Promise<void> {
  let contentTaken = hasContent;
  for (const file of files) {
    const role: ImportRole = contentTaken ? 'style' : 'content';
    contentTaken = true;
    const path = window.timbrefold.pathForFile(file);
    if (path) {
      await finish(await attempt(window.timbrefold.importAudio({ paths: [path], role })), role);
    } else if (/\.wave?$/i.test(file.name)) {
      await attempt(
        window.timbrefold.importWavBytes({
          name: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
          role,
        }),
      );
    } else {
      await importDecoded(file.name, await file.arrayBuffer(), role);
    }
  }
}

/** Records the microphone into a new content track. */
export class Recorder {
  private recorder: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private chunks: Blob[] = [];
  private count = 0;

  get recording(): boolean {
    return this.recorder !== null;
  }

  async start(): Promise<void> {
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      notify('error', 'The microphone is not available (permission denied or no input device).');
      return;
    }
    this.chunks = [];
    this.recorder = new MediaRecorder(this.stream);
    this.recorder.ondataavailable = (event) => this.chunks.push(event.data);
    this.recorder.start();
  }

  /** Stops and imports what was recorded. */
  async stop(): Promise<void> {
    const recorder = this.recorder;
    if (!recorder) return;
    const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    recorder.stop();
    await stopped;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.recorder = null;
    this.stream = null;
    const bytes = await new Blob(this.chunks).arrayBuffer();
    await importDecoded(`Recording ${++this.count}`, bytes, 'content');
  }
}
