// Builds WAV files byte by byte for tests, independently of the encoder under test, so that
// layouts the encoder never writes (8-bit, 32-bit int, float64, odd chunk orders) can be checked.

export interface ChunkSpec {
  id: string;
  data: Uint8Array;
  /** Size to declare in the header; defaults to data.length (tests use it to lie). */
  declaredSize?: number;
  /** Leave out the pad byte after an odd-sized chunk. */
  noPad?: boolean;
}

export function chunk(id: string, data: Uint8Array, extra: Partial<ChunkSpec> = {}): ChunkSpec {
  return { id, data, ...extra };
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function riffFile(
  chunks: ChunkSpec[],
  options: { magic?: string; form?: string; riffSize?: number } = {},
): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const spec of chunks) {
    const header = new Uint8Array(8);
    header.set(ascii(spec.id));
    new DataView(header.buffer).setUint32(4, spec.declaredSize ?? spec.data.length, true);
    parts.push(header, spec.data);
    if (spec.data.length % 2 === 1 && !spec.noPad) parts.push(new Uint8Array(1));
  }
  const body = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(12 + body);
  out.set(ascii(options.magic ?? 'RIFF'));
  new DataView(out.buffer).setUint32(4, options.riffSize ?? 4 + body, true);
  out.set(ascii(options.form ?? 'WAVE'), 8);
  let at = 12;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface FmtSpec {
  tag: number;
  channels: number;
  sampleRate: number;
  bits: number;
  blockAlign?: number;
  /** WAVE_FORMAT_EXTENSIBLE fields; tag must then be 0xfffe. */
  extensible?: { validBits: number; channelMask: number; subFormat: number };
  /** Write the 18-byte WAVEFORMATEX form (cbSize = 0). */
  cbSize?: boolean;
}

export function fmtChunk(spec: FmtSpec): ChunkSpec {
  const size = spec.extensible ? 40 : spec.cbSize ? 18 : 16;
  const data = new Uint8Array(size);
  const view = new DataView(data.buffer);
  const blockAlign = spec.blockAlign ?? spec.channels * Math.ceil(spec.bits / 8);
  view.setUint16(0, spec.tag, true);
  view.setUint16(2, spec.channels, true);
  view.setUint32(4, spec.sampleRate, true);
  view.setUint32(8, spec.sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, spec.bits, true);
  if (spec.extensible) {
    view.setUint16(16, 22, true);
    view.setUint16(18, spec.extensible.validBits, true);
    view.setUint32(20, spec.extensible.channelMask, true);
    data.set([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 26);
    view.setUint16(24, spec.extensible.subFormat, true);
  }
  return chunk('fmt ', data);
}

/** Interleaves integer sample values into little-endian containers of `bytes` bytes. */
export function packInts(frames: number[][], bytes: number, unsigned8 = false): Uint8Array {
  const out = new Uint8Array(frames.length * (frames[0]?.length ?? 0) * bytes);
  let at = 0;
  for (const frame of frames) {
    for (const value of frame) {
      const v = unsigned8 ? value + 128 : value;
      for (let b = 0; b < bytes; b++) out[at++] = Number((BigInt(v) >> BigInt(8 * b)) & 0xffn);
    }
  }
  return out;
}

export function packFloats(frames: number[][], bytes: 4 | 8): Uint8Array {
  const values = frames.flat();
  const out = new Uint8Array(values.length * bytes);
  const view = new DataView(out.buffer);
  values.forEach((v, i) =>
    bytes === 4 ? view.setFloat32(i * 4, v, true) : view.setFloat64(i * 8, v, true),
  );
  return out;
}

/** A small well-formed 16-bit PCM file: `frames` frames of a ramp on `channels` channels. */
export function simplePcm16(channels = 2, frames = 64, sampleRate = 44100): Uint8Array {
  const rows = Array.from({ length: frames }, (_, i) =>
    Array.from({ length: channels }, (_, c) => (i * 97 + c * 1000) % 30000),
  );
  return riffFile([
    fmtChunk({ tag: 1, channels, sampleRate, bits: 16 }),
    chunk('data', packInts(rows, 2)),
  ]);
}
