// The browser host's file dialogs: the host sends the page a chooser request with the first
// listing, answers its folder listings, and accepts only answers that name what it showed
// (a new name is one plain name). Driven here by a page stand-in that speaks the socket's
// messages over real folders; the Chromium suite drives the real chooser.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { HostDialogMessage } from '../../src/shared/host-dialogs';
import {
  answerPaths,
  dialogRequest,
  listHostFolder,
  PageDialogs,
  type PageChannel,
} from '../../src/test-host/page-dialogs';
import { startTestHost } from '../../src/test-host/server';

/** A page that records what the host sent it. */
function pageStandIn(): {
  channel: PageChannel;
  inbox: HostDialogMessage[];
  next(): Promise<HostDialogMessage>;
} {
  const inbox: HostDialogMessage[] = [];
  const waiting: ((m: HostDialogMessage) => void)[] = [];
  return {
    inbox,
    channel: (message) => {
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else inbox.push(message);
      return true;
    },
    next: () =>
      inbox.length > 0
        ? Promise.resolve(inbox.shift()!)
        : new Promise((resolve) => waiting.push(resolve)),
  };
}

describe('the in-page chooser protocol', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'timbrefold-dialogs-'));
    await mkdir(join(root, 'Sessions', 'Old project'), { recursive: true });
    await mkdir(join(root, '.hidden'));
    await writeFile(join(root, 'kick.WAV'), 'x');
    await writeFile(join(root, 'notes.txt'), 'x');
    await writeFile(join(root, 'bass.tfmodel'), 'x');
    await symlink(join(root, 'Sessions'), join(root, 'Linked sessions'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('a listing shows folders first, then only the files the dialog picks, nothing hidden', async () => {
    const audio = await listHostFolder(root, dialogRequest('audio-files').extensions);
    assert.deepEqual(
      audio.entries.map((e) => `${e.name}${e.folder ? '/' : ''}`),
      ['Linked sessions/', 'Sessions/', 'kick.WAV'],
    );
    const models = await listHostFolder(root, dialogRequest('model-file').extensions);
    assert.deepEqual(
      models.entries.filter((e) => !e.folder).map((e) => e.name),
      ['bass.tfmodel'],
    );
    assert.equal(audio.parent, join(root, '..'));
    assert.equal((await listHostFolder('/', [])).parent, null);
  });

  test('new names are one plain name; answers in the wrong form are refused', () => {
    const save = dialogRequest('save-folder', 'Untitled');
    assert.equal(save.suggestedName, 'My Timbrefold Project');
    assert.equal(dialogRequest('save-folder', 'Mix 3').suggestedName, 'Mix 3');
    assert.deepEqual(answerPaths(save, { folder: root, name: ' Mix ' }), [join(root, 'Mix')]);
    for (const name of ['', '..', '../x', 'a/b', 'a\\b', '.secret'])
      assert.equal(answerPaths(save, { folder: root, name }), null, name);
    assert.equal(answerPaths(save, { paths: [root] }), null);
    const folder = dialogRequest('project-folder');
    assert.equal(answerPaths(folder, { paths: [root, root] }), null, 'one folder');
    assert.equal(answerPaths(folder, { folder: root, name: 'x' }), null);
    assert.equal(answerPaths(folder, { cancelled: true }), null);
  });

  test('a chooser round trip: start listing, walk into a folder, answer with what was shown', async () => {
    const page = pageStandIn();
    const dialogs = new PageDialogs(() => page.channel);
    const chosen = dialogs.chooseAudioFiles();
    const shown = await page.next();
    assert.equal(shown.type, 'dialog');
    if (shown.type !== 'dialog') return;
    assert.equal(shown.request.mode, 'files');
    // Walk to the test's folder, as the user typing its path would.
    await dialogs.receive({ type: 'dialog-list', id: shown.id, path: root }, page.channel);
    const listing = await page.next();
    assert.ok(listing.type === 'dialog-listing' && listing.listing);
    await dialogs.receive(
      { type: 'dialog-answer', id: shown.id, answer: { paths: [join(root, 'kick.WAV')] } },
      page.channel,
    );
    assert.deepEqual(await chosen, [join(root, 'kick.WAV')]);

    // The next chooser starts where the last one chose.
    const again = dialogs.chooseProjectFolder();
    const second = await page.next();
    assert.ok(second.type === 'dialog');
    if (second.type !== 'dialog') return;
    assert.equal(second.start.path, root);
    // A path the chooser never showed is refused, not obeyed.
    await dialogs.receive(
      { type: 'dialog-answer', id: second.id, answer: { paths: ['/etc'] } },
      page.channel,
    );
    assert.equal(await again, null);
  });

  test('an unreadable folder is a message in the chooser; a page that leaves cancels', async () => {
    const page = pageStandIn();
    const dialogs = new PageDialogs(() => page.channel);
    const chosen = dialogs.chooseExportFolder();
    const shown = await page.next();
    await dialogs.receive(
      { type: 'dialog-list', id: shown.id, path: join(root, 'kick.WAV') },
      page.channel,
    );
    const listing = await page.next();
    assert.ok(listing.type === 'dialog-listing');
    if (listing.type !== 'dialog-listing') return;
    assert.equal(listing.listing, undefined);
    assert.match(listing.problem ?? '', /kick\.WAV is not a folder that can be listed/);
    dialogs.cancelAll();
    assert.equal(await chosen, null);
    assert.equal(await new PageDialogs(() => null).chooseModelFile(), null, 'no page: cancelled');
  });

  test('in page mode the tests’ dialog queue over HTTP is closed', async () => {
    const host = await startTestHost({ port: 0, buildDir: '/nonexistent-build', dialogs: 'page' });
    try {
      const response = await fetch(`${host.url}__host/dialogs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-timbrefold-test': '1' },
        body: JSON.stringify({ kind: 'audio-files', answer: ['/etc/passwd'] }),
      });
      assert.equal(response.status, 405);
    } finally {
      await host.close();
    }
  });
});
