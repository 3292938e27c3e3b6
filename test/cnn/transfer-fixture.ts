// The trained-CNN transfer tests' shared request: the shipped verma-smith classifier (an empty user
// cache), a flute content and a piano style, small enough to run in seconds.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransferRequest } from '../../src/shared/transfer';
import { corpusFile } from '../fixtures/paths';

const work = mkdtempSync(join(tmpdir(), 'timbrefold-cnn-transfer-'));
export const out = (name: string): string => join(work, name);
/** A user cache with nothing in it: only the shipped models are found. */
export const emptyModels = mkdtempSync(join(tmpdir(), 'timbrefold-no-models-'));
export const content = corpusFile('flute_acoustic_073-072-100.wav');
export const style = corpusFile('keyboard_acoustic_000-069-127.wav');

export function request(overrides: Partial<TransferRequest> = {}): TransferRequest {
  return {
    method: 'cnn',
    preset: 'verma-smith',
    modelsDir: emptyModels,
    settings: { iterations: 12, phaseIterations: 16 },
    content,
    styles: [{ path: style, weight: 1 }],
    output: out('result.wav'),
    backend: 'wasm',
    ...overrides,
  };
}
