// What a user does with the fast method in the editor: sees each model's kind in the Models panel,
// trains a generator from a style track of the project and a content folder granted through the
// folder dialog (progress, a cancel that keeps the finished epochs, a second start that continues
// from them), then transfers several content clips at once through it, one result track each.
// Real engine, real corpus clips, tiny data.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { corpusFile } from '../fixtures/paths';
import type { EditorSession } from './editor-harness';
import { eventually, importClips } from './flows';

async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent().catch(() => null)) ?? '';
}

export async function modelKindsFlow(session: EditorSession): Promise<void> {
  const { page } = session;
  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Models' });
  const shipped = panel.getByRole('listitem', { name: 'Model demo-verma-smith' });
  await shipped.waitFor();
  assert.match(await textOf(shipped), /demo-verma-smithclassifier/);
  await panel.getByRole('button', { name: 'Close models' }).click();
  await panel.waitFor({ state: 'detached' });
}

export async function trainGeneratorFlow(session: EditorSession): Promise<void> {
  const { page } = session;
  const [, style] = await importClips(session, [
    'keyboard_acoustic_000-069-127.wav',
    'flute_acoustic_073-072-100.wav',
  ]);
  const content = join(session.dataDir, 'generator-content');
  mkdirSync(join(content, 'more'), { recursive: true });
  for (const [i, name] of [
    'keyboard_acoustic_000-033-080.wav',
    'keyboard_acoustic_000-057-050.wav',
    'guitar_acoustic_024-040-112.wav',
    'guitar_acoustic_024-052-127.wav',
  ].entries())
    symlinkSync(corpusFile(name), join(content, i % 2 ? 'more' : '', name));

  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Models' });
  const form = panel.getByRole('group', { name: 'Train a generator' });
  await form
    .getByRole('combobox', { name: 'Style track' })
    .selectOption({ label: `${style} (style)` });
  await session.answerDialog('training-folder', [content]);
  await form.getByRole('button', { name: 'Choose content folder…' }).click();
  assert.match(await textOf(form.getByLabel('Content clips')), /4 WAV clips/);
  // Enough epochs that Cancel lands mid-training even on a quick machine (each is about a second).
  await form.getByRole('spinbutton', { name: 'Generator epochs' }).fill('12');
  await form.getByRole('textbox', { name: 'Generator name' }).fill('e2e-gen');
  await session.screenshot('generator-form');
  const train = form.getByRole('button', { name: 'Train generator' });
  await train.click();

  // Cancel once an epoch is finished: it is kept.
  const row = panel.getByRole('listitem', { name: 'Training e2e-gen' }).first();
  await row.waitFor();
  await eventually(
    'the first epoch is finished',
    async () => /epoch ([2-9]|1[0-2])\/12/.test(await textOf(row)),
    180000,
  );
  assert.match(await textOf(row), /e2e-gen \(generator\)Training/);
  await row.getByRole('button', { name: 'Cancel training e2e-gen' }).click();
  await eventually(
    'the training is cancelled',
    async () => /Cancelled/.test(await textOf(row)),
    60000,
  );
  const cancelled = await textOf(row);
  const kept = /Cancelled after (\d+) of 12 epochs; they are kept/.exec(cancelled);
  assert.ok(kept, cancelled);
  await session.screenshot('generator-cancelled');

  // The same form again continues from the kept epochs.
  await train.click();
  await eventually(
    'the resumed training is done',
    async () => /Done|Failed/.test(await textOf(row)),
    240000,
  );
  const done = await textOf(row);
  assert.match(done, /Done/, done);
  assert.match(done, /epoch 12\/12/);
  assert.match(done, new RegExp(`Continued from epoch ${kept[1]} of an interrupted training`));
  const listed = panel.getByRole('listitem', { name: 'Model e2e-gen' });
  await listed.waitFor();
  assert.match(await textOf(listed), /e2e-gengenerator.*style flute_acoustic_073-072-100\.wav/);
  await session.screenshot('generator-trained');
  await panel.getByRole('button', { name: 'Close models' }).click();
}

export async function fastBatchFlow(session: EditorSession): Promise<void> {
  const { page } = session;
  const [guitar] = await importClips(session, ['guitar_acoustic_024-064-100.wav']);
  await page.getByRole('combobox', { name: `Role of ${guitar}` }).selectOption('content');
  await page
    .getByRole('combobox', { name: 'Method' })
    .selectOption({ label: 'Fast (trained generator)' });
  const model = page.getByRole('combobox', { name: 'Model' });
  await eventually('the generator is chosen', async () => (await model.inputValue()) === 'e2e-gen');
  const content = page.getByRole('combobox', { name: 'Content track' });
  await content.selectOption({ label: 'keyboard_acoustic_000-069-127' });
  await page.getByRole('checkbox', { name: `Also transfer ${guitar}` }).check();
  const start = page.getByRole('button', { name: 'Start 2 transfers' });
  await start.click();
  // Named by content and generator; one result track each.
  for (const name of ['Keyboard acoustic → e2e-gen', 'Guitar acoustic → e2e-gen']) {
    const result = page.getByRole('region', { name: `Track ${name}` });
    await result.waitFor({ timeout: 120000 });
    assert.match(await textOf(result), /4\.00 s/);
  }
  await session.screenshot('fast-batch-results');
}
