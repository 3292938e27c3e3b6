// Places a clip's peaks (waveform-data v2, one channel) on the session timeline: silent pixels
// before the clip start and after its end up to the session end, so every lane's waveform spans
// the same time and peaks.js can scroll them together.
import type { Seconds } from '../../../shared/units';

const HEADER = 24;

export function padPeaks(data: Uint8Array, clipStart: Seconds, sessionEnd: Seconds): ArrayBuffer {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const sampleRate = view.getInt32(8, true);
  const samplesPerPixel = view.getInt32(12, true);
  const pixels = view.getUint32(16, true);
  const channels = view.getInt32(20, true);
  const bytesPerPixel = 2 * channels * (view.getUint32(4, true) & 1 ? 1 : 2);
  const pixelSeconds = samplesPerPixel / sampleRate;
  const before = Math.max(0, Math.round(clipStart / pixelSeconds));
  const total = Math.max(before + pixels, Math.ceil(sessionEnd / pixelSeconds));
  const out = new Uint8Array(HEADER + total * bytesPerPixel);
  out.set(data.subarray(0, HEADER));
  new DataView(out.buffer).setUint32(16, total, true);
  out.set(data.subarray(HEADER, HEADER + pixels * bytesPerPixel), HEADER + before * bytesPerPixel);
  return out.buffer;
}
