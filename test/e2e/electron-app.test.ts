// The same flows against the desktop app through Playwright's Electron launcher. Skipped, with
// the reason, where the Electron binary is not installed (its download needs network).
import { describe, test } from 'node:test';
import {
  assertNoPageErrors,
  electronBinary,
  openEditor,
  type EditorSession,
} from './editor-harness';
import {
  dropAndRecord,
  exportStems,
  importAndSeeLanes,
  listenAndSave,
  transferFlow,
} from './flows';

const binary = electronBinary();
const skip = 'missing' in binary ? binary.missing : false;

async function inApp(
  name: string,
  flow: (session: EditorSession) => Promise<unknown>,
): Promise<void> {
  const session = await openEditor(name, { target: 'electron' });
  try {
    await flow(session);
    assertNoPageErrors(session.pageErrors);
  } finally {
    await session.close();
  }
}

describe('the desktop app (Electron)', { skip }, () => {
  test('imported clips show waveform and spectrogram lanes', () =>
    inApp('import-and-lanes', importAndSeeLanes));
  test('play, A/B, undo, save and reopen', () => inApp('listen-and-save', listenAndSave));
  test('export stems', () => inApp('export-stems', exportStems));
  test('drop, record and decode', () => inApp('drop-and-record', dropAndRecord));
  test('transfer: preview, cancel, finish, A/B and blind rating', { timeout: 300000 }, () =>
    inApp('transfer', transferFlow),
  );
});
