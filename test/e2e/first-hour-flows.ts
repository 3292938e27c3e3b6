// A producer's first hour (issue 13 section 3): the keyboard, New on an untitled session, the
// transfer panel's guidance, and a job's progress outside the page. Each flow asserts on what a
// person would see, against the real handlers and engine.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { EditorSession } from './editor-harness';
import { eventually, importClips, selectRegion } from './flows';

function seconds(clock: string | null): number {
  const [m, s] = (clock ?? '0:0').split(':');
  return Number(m) * 60 + Number(s);
}

async function playhead(page: Page): Promise<number> {
  return seconds(await page.locator('output.clock').textContent());
}

async function isPlaying(page: Page): Promise<boolean> {
  return page.getByRole('button', { name: 'Pause', exact: true }).isVisible();
}

export async function keyboardOnly(session: EditorSession): Promise<void> {
  const { page } = session;
  const [piano] = await importClips(session, ['long_piano_melody_44k_stereo.wav']);
  const transfer = page.getByRole('region', { name: 'Transfer' });

  // The timeline takes focus; arrows move the playhead by a ruler tick, on the tick grid.
  const ruler = page.getByRole('slider', { name: /^Timeline/ });
  await ruler.focus();
  assert.equal(await playhead(page), 0);
  await page.keyboard.press('ArrowRight');
  const step = await playhead(page);
  assert.ok(step > 0 && step <= 1, `one arrow moves the playhead a tick (${step} s)`);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.ok(Math.abs((await playhead(page)) - 3 * step) < 0.011, 'three arrows, three ticks');
  assert.equal(Number(await ruler.getAttribute('aria-valuenow')), await playhead(page));
  await page.keyboard.press('ArrowLeft');
  assert.ok(Math.abs((await playhead(page)) - 2 * step) < 0.011);

  // Shift+arrows select from the playhead; the region shows in the transfer panel.
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowLeft');
  // The panel shows the region after the first key already: wait for the last key's, then check.
  const region = async (): Promise<[string, string] | undefined> => {
    const match = /Region (\d+:\d+\.\d+) – (\d+:\d+\.\d+)/.exec(
      (await transfer.textContent()) ?? '',
    );
    return match ? [match[1]!, match[2]!] : undefined;
  };
  await eventually('the keyboard selection reaches the panel', async () => {
    const shown = await region();
    return shown !== undefined && Math.abs(seconds(shown[1]) - 4 * step) < 0.011;
  }).catch(() => undefined);
  const [from, to] = (await region()) ?? [];
  assert.ok(Math.abs(seconds(from!) - 2 * step) < 0.011, `the selection starts at ${from}`);
  assert.ok(Math.abs(seconds(to!) - 4 * step) < 0.011, `the selection ends at ${to}`);

  // A spectrogram lane is focusable too and takes the same keys.
  const lane = page.getByRole('img', { name: `Spectrogram of ${piano}`, exact: true });
  await lane.focus();
  await page.keyboard.press('End');
  assert.equal(await playhead(page), 12);
  await page.keyboard.press('Home');
  assert.equal(await playhead(page), 0);
  await page.getByRole('img', { name: `Waveform of ${piano}`, exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  assert.ok(Math.abs((await playhead(page)) - step) < 0.011, 'the waveform lane takes the keys');
  await page.keyboard.press('Home');
  await session.screenshot('keyboard-selection');

  // Space plays and stops wherever focus is: on a button just clicked it does not press it again.
  const loop = page.getByRole('button', { name: 'Loop' });
  await loop.click();
  assert.equal(await loop.getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Space');
  await eventually('Space on a focused button plays', () => isPlaying(page));
  assert.equal(await loop.getAttribute('aria-pressed'), 'true', 'Space did not press Loop');
  await page.keyboard.press('Space');
  await eventually('Space stops again', async () => !(await isPlaying(page)));
  const beta = page.getByRole('slider', { name: 'Style weight (beta)' });
  await beta.focus();
  await page.keyboard.press('Space');
  await eventually('Space on a slider plays', () => isPlaying(page));
  await page.keyboard.press('Space');
  await eventually('and stops', async () => !(await isPlaying(page)));
  // ... but not in a text field, a number field or a select, where Space means something.
  const name = page.getByRole('textbox', { name: `Name of ${piano}` });
  await name.focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  assert.equal(await isPlaying(page), false, 'Space typed into a name does not play');
  await name.press('Escape');
  await page.getByRole('spinbutton', { name: 'Iterations' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('combobox', { name: 'Method' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  assert.equal(await isPlaying(page), false, 'Space in a number field or a select does not play');

  // Undo with focus in a slider shows the undone value at once.
  const betaValue = transfer.locator('.log-slider', { has: beta }).locator('output');
  const before = await betaValue.textContent();
  await beta.focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  const moved = await betaValue.textContent();
  assert.notEqual(moved, before, 'the arrows moved the slider');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+z');
  // Well inside the pending value's 1.5 s quiet time, and the slider keeps the focus.
  await eventually(
    'the slider shows the undone value',
    async () => (await betaValue.textContent()) === before,
    700,
  );
  assert.equal(await beta.evaluate((node) => node === node.ownerDocument.activeElement), true);
  await session.screenshot('undo-in-slider');

  // `?` opens the shortcut list, generated from the keymap; Escape closes it.
  await page.locator('body').press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await shortcuts.waitFor();
  const listed = (await shortcuts.textContent()) ?? '';
  for (const expected of [
    'SpacePlay/Pause',
    'Ctrl+ZUndo',
    'Shift+→Extend the selection forward',
    'EscClose the dialog',
    '?Keyboard Shortcuts',
  ])
    assert.ok(listed.includes(expected), `the list shows "${expected}"`);
  await session.screenshot('shortcut-list');
  await page.keyboard.press('Escape');
  await shortcuts.waitFor({ state: 'detached' });

  // Escape closes every dialog of the page: export and models too.
  await page.getByRole('button', { name: 'Export stems' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export stems dialog' });
  await exportDialog.waitFor();
  await page.keyboard.press('Escape');
  await exportDialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Models' }).click();
  const models = page.getByRole('dialog', { name: 'Models' });
  await models.waitFor();
  await page.keyboard.press('Escape');
  await models.waitFor({ state: 'detached' });
}

export async function newAsksFirst(session: EditorSession): Promise<void> {
  const { page } = session;
  const [violin] = await importClips(session, ['string_acoustic_040-062-100.wav']);
  const track = page.getByRole('region', { name: `Track ${violin}` });
  const ask = page.getByRole('alertdialog', { name: 'Discard this untitled session?' });

  // New on an untitled session with a track asks; Cancel keeps everything.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await ask.waitFor();
  assert.match((await ask.textContent()) ?? '', /track is not saved to a project folder/);
  await session.screenshot('new-asks');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await ask.waitFor({ state: 'detached' });
  assert.equal(await track.count(), 1, 'Cancel kept the track');

  // Ctrl+N asks too; Escape is Cancel.
  await page.locator('body').press('Control+n');
  await ask.waitFor();
  await page.keyboard.press('Escape');
  await ask.waitFor({ state: 'detached' });

  // Discard starts an empty session; New on an empty one does not ask.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await page.getByText('Drop audio files here').waitFor();
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.waitForTimeout(300);
  assert.equal(await ask.count(), 0, 'an empty session is not asked about');

  // The discarded session is offered under Recent by the time of its autosave, and comes back.
  const recent = page.getByRole('combobox', { name: 'Recent projects' });
  let labels: string[] = [];
  await eventually('Recent lists the untitled autosave', async () => {
    await recent.focus();
    labels = await recent.locator('option').allTextContents();
    return labels.some((l) => /^Untitled \(autosaved \d\d:\d\d\)$/.test(l));
  });
  assert.equal(labels.filter((l) => l.startsWith('Untitled')).length, 1, labels.join(', '));
  await recent.selectOption({ label: labels.find((l) => l.startsWith('Untitled'))! });
  await track.waitFor();
  await session.screenshot('autosave-reopened');
  assert.match(
    (await page.locator('.save-state').textContent()) ?? '',
    /not in a folder yet/,
    'it is still untitled',
  );

  // Save first: the session goes to a folder of the user's, then New starts afresh.
  const folder = join(session.dataDir, 'violin-sketch');
  await session.answerDialog('save-folder', [folder]);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await ask.getByRole('button', { name: 'Save first…' }).click();
  await page.getByText('Drop audio files here').waitFor();
  assert.ok(existsSync(join(folder, 'project.json')), 'the session was saved to its folder');
  await eventually('Recent lists the saved project by name', async () => {
    await recent.focus();
    const now = await recent.locator('option').allTextContents();
    return now.includes('violin-sketch') && !now.some((l) => l.startsWith('Untitled'));
  });
}

/** Records the system notifications the page shows (Chromium's own would go to the desktop). */
async function spyOnNotifications(session: EditorSession): Promise<() => Promise<string[]>> {
  const { page } = session;
  await page.context().grantPermissions(['notifications'], { origin: new URL(page.url()).origin });
  // A script string: this side has no DOM types.
  await page.evaluate(`(() => {
    const shown = [];
    const Original = window.Notification;
    class Recorded extends Original {
      constructor(title, options) {
        shown.push(title + ': ' + (options?.body ?? ''));
        super(title, options);
      }
    }
    window.shownNotifications = shown;
    window.Notification = Recorded;
  })()`);
  return () => page.evaluate<string[]>('window.shownNotifications');
}

export async function guidanceAndProgress(session: EditorSession): Promise<void> {
  const { page } = session;
  const [speech, violin, drums] = await importClips(session, [
    'speech_espeak_en-us.wav',
    'string_acoustic_040-062-100.wav',
    'drums_groove_120bpm.wav',
  ]);
  const transfer = page.getByRole('region', { name: 'Transfer' });

  // Every control of the panel says what it does; the weights in a producer's words.
  const controls = transfer.locator('input, select, button');
  const count = await controls.count();
  assert.ok(count >= 12, `the panel has ${count} controls`);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    const words =
      (await control.getAttribute('aria-description')) ??
      (await control.getAttribute('title')) ??
      (await control.evaluate((node) => node.closest('label')?.getAttribute('title') ?? null));
    const name = (await control.getAttribute('aria-label')) ?? (await control.textContent());
    assert.ok(words && words.length > 20, `${name} has a tooltip (${words})`);
  }
  const describe = (name: string): Promise<string | null> =>
    transfer.getByRole('slider', { name }).getAttribute('aria-description');
  assert.match(
    (await describe('Style weight (beta)')) ?? '',
    /^Style weight \(beta\): how strongly/,
  );
  assert.match((await describe('Content weight (alpha)')) ?? '', /melody/);
  assert.match(
    (await transfer
      .getByRole('spinbutton', { name: 'Iterations' })
      .getAttribute('aria-description')) ?? '',
    /1\.2 s per 10 s/,
  );

  // The violin is one held D4: the panel warns that its pitch will imprint.
  const warning = transfer.getByRole('note', { name: 'Style clip warning' });
  await warning.waitFor({ timeout: 20000 });
  assert.match(
    (await warning.textContent()) ?? '',
    new RegExp(`${violin} is a single sustained note \\(D4\\)`),
  );
  await session.screenshot('sustained-note-warning');

  // A drum groove is not a held note: with it alone as the style, no warning.
  await transfer.getByRole('checkbox', { name: `Use ${drums} as style` }).check();
  await transfer.getByRole('checkbox', { name: `Use ${violin} as style` }).uncheck();
  await warning.waitFor({ state: 'detached' });
  await transfer.getByRole('checkbox', { name: `Use ${violin} as style` }).check();
  await transfer.getByRole('checkbox', { name: `Use ${drums} as style` }).uncheck();
  await warning.waitFor();

  // The warning offers the preset that keeps the content's pitch.
  await warning.getByRole('button', { name: 'Timbre only, keep pitch' }).click();
  await eventually(
    'the preset is chosen',
    async () =>
      (await transfer.getByRole('combobox', { name: 'Preset' }).inputValue()) === 'timbre-only',
  );
  assert.match(
    (await transfer.getByRole('combobox', { name: 'Preset' }).getAttribute('aria-description')) ??
      '',
    /pitch/,
  );

  // A short transfer: the window title shows its progress; its end is announced.
  const notifications = await spyOnNotifications(session);
  await transfer.getByRole('spinbutton', { name: 'Iterations' }).fill('3');
  await selectRegion(page, 4, 1, 2);
  await page.getByText(/Region 0:01\.\d\d – 0:02\.\d\d/).waitFor();
  assert.equal(await page.title(), 'Timbrefold — Untitled');
  await transfer.getByRole('button', { name: 'Start transfer' }).click();
  const titles = new Set<string>();
  await eventually(
    'the title shows the progress',
    async () => {
      titles.add(await page.title());
      return [...titles].some((t) => /^[1-9]\d?% · Timbrefold — Untitled$/.test(t));
    },
    120000,
  );
  await session.screenshot('transfer-progress');
  // The result's short name, as the render queue shows it (its full name is the tooltip).
  const jobName = page.getByRole('listitem', { name: /^Job / }).first().locator('.job-name');
  const name = (await jobName.textContent()) ?? '';
  assert.equal(await jobName.getAttribute('title'), `${speech} × ${violin} (shallow)`);
  await page.getByRole('region', { name: `Track ${name}` }).waitFor({ timeout: 240000 });
  await eventually(
    'the title is plain again',
    async () => (await page.title()) === 'Timbrefold — Untitled',
  );
  await page.getByText(`${name} is done: it is a new track.`).waitFor();
  assert.deepEqual(await notifications(), [
    `Transfer finished: ${name} is done: it is a new track.`,
  ]);
  await session.screenshot('transfer-done');
}
