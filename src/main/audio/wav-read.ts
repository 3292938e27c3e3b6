// Reads a WAV file from disk. File-system failures become AudioFileError with a sentence the user
// can act on; the whole file is read at once (the decoder holds bytes + Float32 output, no more).
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { isSystemError } from '../fs/errors';
import { AudioFileError } from './errors';
import type { AudioFileErrorCode } from './errors';
import { decodeWav } from './wav-decode';
import type { DecodedWav } from './wav-decode';

export interface ReadWavOptions {
  /** Refuse files larger than this (bytes). Default and ceiling: 2 GiB - 1, Node's readFile limit. */
  maxBytes?: number;
}

const readFileLimit = 2 ** 31 - 1;

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

/** Maps a Node file-system error to AudioFileError; anything else is returned unchanged. */
export function fileSystemReadError(error: unknown, path: string): unknown {
  const name = basename(path);
  const make = (kind: AudioFileErrorCode, message: string) =>
    new AudioFileError(kind, path, message, { cause: error });
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_FS_FILE_TOO_LARGE')
    return make('TOO_LARGE', `${name} is too large to be opened at once.`);
  if (!isSystemError(error)) return error;
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return make('NOT_FOUND', `${name} was not found (no file at ${resolve(path)}).`);
    case 'ENAMETOOLONG':
      return make('NOT_FOUND', `${name} cannot be opened: its path is too long.`);
    case 'ELOOP':
      return make('NOT_FOUND', `${name} cannot be opened: its symbolic links form a loop.`);
    case 'EACCES':
    case 'EPERM':
      return make(
        'PERMISSION_DENIED',
        `${name} cannot be read: permission denied (check the file's permissions).`,
      );
    case 'EISDIR':
      return make('NOT_A_FILE', `${name} is a folder, not a WAV file.`);
    default:
      return make('READ_FAILED', `${name} could not be read (${error.code}).`);
  }
}

/**
 * Reads a whole audio file the user named, refusing at once anything but a regular file (a pipe
 * or a device would block the reader, or stream forever) and files over `maxBytes`.
 */
export async function readAudioFileBytes(
  path: string,
  options: ReadWavOptions = {},
): Promise<Uint8Array> {
  const maxBytes = Math.min(options.maxBytes ?? readFileLimit, readFileLimit);
  const name = basename(path);
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new AudioFileError('NOT_A_FILE', path, `${name} is a folder, not a WAV file.`);
    if (!info.isFile()) {
      // A device or a pipe could stream forever; only regular files are read.
      throw new AudioFileError(
        'NOT_A_FILE',
        path,
        `${name} is not a regular file (a device, pipe or socket), so it cannot be opened as audio.`,
      );
    }
    if (info.size > maxBytes) {
      throw new AudioFileError(
        'TOO_LARGE',
        path,
        `${name} is ${megabytes(info.size)}, more than the ${megabytes(maxBytes)} that can be opened at once.`,
      );
    }
    return await readFile(path);
  } catch (error) {
    throw fileSystemReadError(error, path);
  }
}

export async function readWav(path: string, options: ReadWavOptions = {}): Promise<DecodedWav> {
  return decodeWav(await readAudioFileBytes(path, options), path);
}
