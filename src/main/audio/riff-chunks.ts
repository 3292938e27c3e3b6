// A bounded walk over the chunks of a RIFF/RF64 WAVE file. Every size is checked against the bytes
// actually present, so a lying header can neither send the walk past the end nor size an
// allocation; each step advances at least 8 bytes, so the walk always ends.

export interface RiffChunk {
  id: string;
  /** Byte offset of the chunk's payload in the file. */
  offset: number;
  /** Payload bytes present: the declared size, clamped to the end of the file. */
  size: number;
  /** The size the chunk header declares (from ds64 for RF64 data). */
  declaredSize: number;
}

export interface RiffLayout {
  container: 'RIFF' | 'RF64';
  chunks: RiffChunk[];
  /**
   * The file looks cut off: a chunk other than 'data' runs past its end, or it is shorter than
   * its RIFF header says. (Only telling when something is missing: RIFF sizes often lie.)
   */
  cutShort: boolean;
  warnings: string[];
}

// Chunks beyond this many (other than fmt/data/ds64) are skipped unrecorded, so a file made of
// millions of tiny chunks cannot grow the list without bound.
const maxRecordedChunks = 256;
const wanted = new Set(['fmt ', 'data', 'ds64']);

function isChunkId(bytes: Uint8Array, at: number): boolean {
  if (at < 0 || at + 4 > bytes.length) return false;
  for (let i = at; i < at + 4; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

/** Walks the chunks after the 12-byte RIFF/RF64 WAVE header (the caller has checked it). */
export function walkWaveChunks(bytes: Uint8Array, label: string): RiffLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length;
  const container = fourCC(bytes, 0) === 'RIFF' ? 'RIFF' : 'RF64';
  const riffEnd = 8 + view.getUint32(4, true);
  const chunks: RiffChunk[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  let cutShort = false;
  let ds64DataSize: number | undefined;
  let previousWasOdd = false;
  let pos = 12;

  while (pos + 8 <= end) {
    if (!isChunkId(bytes, pos)) {
      // Some writers skip the pad byte after an odd-sized chunk; step back one byte if that fits.
      if (previousWasOdd && isChunkId(bytes, pos - 1)) {
        warnings.push(`${label} leaves out a pad byte after an odd-sized chunk; read around it.`);
        pos -= 1;
        previousWasOdd = false;
        continue;
      }
      if (pos < riffEnd && !(seen.has('fmt ') && seen.has('data'))) {
        warnings.push(`${label} has unreadable bytes at offset ${pos}; ignored the rest of it.`);
      }
      break;
    }
    const id = fourCC(bytes, pos);
    const declared = view.getUint32(pos + 4, true);
    const offset = pos + 8;
    const available = end - offset;
    let size = declared;
    if (id === 'ds64' && declared >= 16 && available >= 16) {
      ds64DataSize = Number(view.getBigUint64(offset + 8, true));
    }
    if (id === 'data' && container === 'RF64' && declared === 0xffffffff) {
      size = ds64DataSize ?? available;
    }
    const record = (chunk: RiffChunk): void => {
      if (wanted.has(id) || chunks.length < maxRecordedChunks) chunks.push(chunk);
      seen.add(id);
    };

    if (size > available) {
      record({ id, offset, size: available, declaredSize: size });
      if (id === 'data') {
        warnings.push(
          `${label} declares ${size} bytes of audio but only ${available} are present; ` +
            'decoded what is there (the file may be truncated).',
        );
      } else {
        cutShort = true;
      }
      break;
    }
    if (id === 'data' && size === 0 && available > 0 && !isChunkId(bytes, offset)) {
      // A writer that never came back to fill in the size (a stream or a crashed recorder).
      record({ id, offset, size: available, declaredSize: 0 });
      warnings.push(
        `${label} declares an empty data chunk followed by ${available} bytes; ` +
          'decoded them as audio (the recording was probably not finished).',
      );
      break;
    }
    record({ id, offset, size, declaredSize: declared });
    pos = offset + size + (size & 1);
    previousWasOdd = (size & 1) === 1;
    // Past the RIFF's own end lie trailers (ID3 tags and the like), not chunks of this file.
    if (pos >= riffEnd && seen.has('fmt ') && seen.has('data')) break;
  }
  if (container === 'RIFF' && end < riffEnd) cutShort = true;
  return { container, chunks, cutShort, warnings };
}
