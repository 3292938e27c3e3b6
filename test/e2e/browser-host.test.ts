// The editor in a browser without the tests' dialog queue: Import audio opens the browser's file
// chooser and uploads; Save as draws the in-page chooser of the host's folders, where the user
// walks to a folder by typing its path, names the project and saves; Escape cancels a chooser.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { eventually, importClips } from './flows';

const skip = missingChromium();

describe('the editor in a browser (in-page file chooser)', { skip: skip ?? false }, () => {
  test('import from the browser, save into a host folder, cancel with Escape', async () => {
    const session = await openEditor('browser-host', { pageDialogs: true });
    const target = await mkdtemp(join(tmpdir(), 'timbrefold-chooser-'));
    try {
      const { page } = session;
      const [name] = await importClips(session, ['flute_acoustic_073-060-127.wav']);
      await page.getByRole('region', { name: `Track ${name}` }).waitFor();

      await page.getByRole('button', { name: 'Save as', exact: true }).click();
      const chooser = page.getByRole('dialog', { name: 'Save the project as a new folder' });
      await chooser.waitFor();
      const location = chooser.getByRole('textbox', { name: 'Folder on the host' });
      await location.fill(target);
      await location.press('Enter');
      await eventually('the chooser lists the typed folder', async () => {
        const listed = await chooser.getByRole('listbox').textContent();
        return (await location.inputValue()) === target && listed === '(empty)';
      });
      const projectName = chooser.getByRole('textbox', { name: 'Folder name' });
      assert.equal(await projectName.inputValue(), 'My Timbrefold Project');
      await projectName.fill('Flute sketch');
      await session.screenshot('save-chooser');
      // A name with a slash is refused in the chooser, before the host sees it.
      await projectName.fill('../escape');
      await chooser.getByRole('button', { name: 'Save here' }).click();
      assert.match((await chooser.getByRole('status').textContent()) ?? '', /no slashes/);
      await projectName.fill('Flute sketch');
      await chooser.getByRole('button', { name: 'Save here' }).click();
      await chooser.waitFor({ state: 'detached' });
      const saved = join(target, 'Flute sketch', 'project.json');
      await page.getByText(`Saved to ${join(target, 'Flute sketch')}.`).waitFor();
      const project = JSON.parse(await readFile(saved, 'utf8')) as {
        tracks: { name: string }[];
      };
      assert.deepEqual(
        project.tracks.map((t) => t.name),
        [name],
      );
      assert.equal(existsSync(join(target, 'escape')), false);

      // Open shows the chooser too; Escape cancels it and the session is unchanged.
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const open = page.getByRole('dialog', { name: 'Open a project folder' });
      await open.waitFor();
      await session.screenshot('open-chooser');
      await page.keyboard.press('Escape');
      await open.waitFor({ state: 'detached' });
      await page.getByRole('region', { name: `Track ${name}` }).waitFor();
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
      await rm(target, { recursive: true, force: true });
    }
  });
});
