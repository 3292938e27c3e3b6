// What a user does to train a CycleGAN in the editor: opens Models, chooses a folder with two
// class subfolders through the folder dialog, sees the fields the training declares with their
// defaults, trains and watches every loss term, cancels after an epoch and resumes, then finds the
// model listed with its two classes. Real engine, real corpus clips (two of each class: one step
// an epoch at the default sizes).
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { corpusFile } from '../fixtures/paths';
import { familyClips } from '../training/fixtures';
import type { EditorSession } from './editor-harness';
import { eventually } from './flows';

async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent().catch(() => null)) ?? '';
}

export async function trainCycleGanFlow(session: EditorSession): Promise<void> {
  const { page } = session;
  const data = join(session.dataDir, 'two-classes');
  for (const family of ['flute', 'keyboard'] as const) {
    mkdirSync(join(data, family), { recursive: true });
    for (const clip of familyClips(family).slice(0, 2))
      symlinkSync(corpusFile(clip), join(data, family, clip));
  }

  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Models' });
  const form = panel.getByRole('group', { name: 'Train a CycleGAN' });
  const train = form.getByRole('button', { name: 'Train CycleGAN' });
  assert.equal(await train.isDisabled(), true, 'nothing to train on yet');
  await session.answerDialog('training-folder', [data]);
  await form.getByRole('button', { name: 'Choose class folders…' }).click();
  await eventually('the class folders are described', async () =>
    /flute \(2 WAV clips\) ⇄ keyboard \(2 WAV clips\)/.test(
      await textOf(form.getByLabel('Class clips')),
    ),
  );
  // The fields and their defaults are the training's declarations (cyclegan-parameters.ts).
  // Named apart from the classifier form's fields of the same panel.
  const field = (name: string) => panel.getByRole('spinbutton', { name, exact: true });
  assert.equal(await field('CycleGAN epochs').inputValue(), '10');
  assert.equal(await field('CycleGAN learning rate').inputValue(), '0.0001');
  assert.equal(await field('CycleGAN cycle weight').inputValue(), '10');
  assert.equal(await field('CycleGAN identity weight').inputValue(), '5');
  await field('CycleGAN epochs').fill('6');
  const name = form.getByRole('textbox', { name: 'CycleGAN name' });
  assert.equal(await name.inputValue(), 'flute-keyboard-cyclegan');
  await session.screenshot('cyclegan-form');
  await train.click();

  // The newest training of the name is listed first.
  const row = panel.getByRole('listitem', { name: 'Training flute-keyboard-cyclegan' }).first();
  await row.waitFor();
  assert.match(await textOf(row), /flute-keyboard-cyclegan \(CycleGAN\)/);
  const terms = row.getByRole('definition');
  await eventually('every loss term is shown', async () => (await terms.count()) === 6, 120000);
  const labels = await row.getByRole('term').allTextContents();
  assert.deepEqual(labels, ['G adversarial', 'F adversarial', 'cycle', 'identity', 'D_X', 'D_Y']);
  for (const value of await terms.allTextContents()) assert.match(value, /^\d+\.\d{3}$/);

  // Cancel once an epoch is finished: it is kept, and Resume continues from it.
  await eventually(
    'the first epoch is finished',
    async () => /epoch [2-6]\/6/.test(await textOf(row)),
    120000,
  );
  await row.getByRole('button', { name: 'Cancel training flute-keyboard-cyclegan' }).click();
  await eventually('the training is cancelled', async () => /Cancelled/.test(await textOf(row)));
  const cancelled = await textOf(row);
  const kept = /Cancelled after (\d) of 6 epochs; they are kept/.exec(cancelled);
  assert.ok(kept, cancelled);
  await session.screenshot('cyclegan-cancelled');
  await row.getByRole('button', { name: 'Resume training flute-keyboard-cyclegan' }).click();
  await eventually(
    'the resumed training is done',
    async () => /Done|Failed/.test(await textOf(row)),
    180000,
  );
  const done = await textOf(row);
  assert.match(done, /Done.*epoch 6\/6/, done);
  assert.match(done, new RegExp(`Continued from epoch ${kept[1]} of an interrupted training`));
  assert.doesNotMatch(done, /accuracy/, 'a CycleGAN has no accuracy');
  assert.equal(await terms.count(), 6, 'the last epoch’s terms stay');
  // The cancelled row offers no second resume once it has been continued.
  const old = panel.getByRole('listitem', { name: 'Training flute-keyboard-cyclegan' }).nth(1);
  assert.match(await textOf(old), /Cancelled/);
  assert.equal(await old.getByRole('button', { name: /Resume/ }).count(), 0);
  const model = panel.getByRole('listitem', { name: 'Model flute-keyboard-cyclegan' });
  await model.waitFor();
  assert.match(await textOf(model), /CycleGAN · flute ⇄ keyboard/);
  await session.screenshot('cyclegan-trained');
  await panel.getByRole('button', { name: 'Close models' }).click();
}
