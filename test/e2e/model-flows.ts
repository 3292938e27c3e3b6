// What a user does with trained models in the editor: opens the Models panel, runs a trained-CNN
// transfer (preview, cancel, a region finished into a result track with its recipe), trains a
// tiny classifier on a folder of corpus clips watching its progress, exports, deletes (with
// confirmation) and imports it back. Real engine, real models, real data.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { classFolder, familyClips } from '../training/fixtures';
import { canvasInk, type EditorSession } from './editor-harness';
import { assertLanesDrawn, eventually, importClips, RESULT_GREEN, selectRegion } from './flows';

/** Watches a locator's text until `done` holds, keeping every distinct text it showed. */
async function watchText(
  locator: Locator,
  done: (text: string) => boolean,
  timeoutMs: number,
): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await locator.textContent().catch(() => null)) ?? '';
    if (text && seen.at(-1) !== text) seen.push(text);
    if (done(text)) return seen;
    if (Date.now() > deadline) assert.fail(`Timed out; the row showed:\n${seen.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function modelsPanelFlow(session: EditorSession): Promise<void> {
  const { page } = session;
  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Models' });
  const shipped = panel.getByRole('listitem', { name: 'Model demo-verma-smith' });
  await shipped.waitFor();
  const facts = (await shipped.textContent()) ?? '';
  assert.match(facts, /shipped · read-only/);
  assert.match(facts, /verma-smith · flute, keyboard · 100\.0% of 4 held-out clips/);
  assert.equal(
    await shipped.getByRole('button', { name: 'Delete demo-verma-smith' }).count(),
    0,
    'a shipped model offers no Delete',
  );
  await session.screenshot('models-panel');
  await panel.getByRole('button', { name: 'Close models' }).click();
  await panel.waitFor({ state: 'detached' });
}

export async function cnnTransferFlow(session: EditorSession): Promise<void> {
  const { page } = session;
  const [content, style] = await importClips(session, [
    'speech_espeak_en-us.wav',
    'string_acoustic_040-069-080.wav',
  ]);
  await page.getByRole('combobox', { name: 'Method' }).selectOption({ label: 'Trained CNN' });
  const preset = page.getByRole('combobox', { name: 'Preset' });
  await eventually(
    'the CNN presets are offered',
    async () => (await preset.inputValue()) === 'verma-smith',
  );
  const model = page.getByRole('combobox', { name: 'Model' });
  await eventually(
    'the shipped model is chosen',
    async () => (await model.inputValue()) === 'demo-verma-smith',
  );
  // The envelope weights have sliders of their own; raise the energy term by 0.4 decades.
  const energy = page.getByRole('slider', { name: 'Energy envelope weight' });
  await energy.focus();
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowRight');
  await eventually(
    'the energy weight shows its new value',
    async () => Math.abs(Number(await energy.getAttribute('aria-valuetext')) / 0.0251 - 1) < 0.03,
  );
  const energyText = await energy.getAttribute('aria-valuetext');
  await selectRegion(page, 4, 1, 2);
  await page.getByText(/Region 0:01\.\d\d – 0:02\.\d\d/).waitFor();
  await session.screenshot('cnn-settings');

  // A long job: its previews are drawn, then it is cancelled and adds nothing.
  const iterations = page.getByRole('spinbutton', { name: 'Iterations' });
  await iterations.fill('400');
  await page.getByRole('button', { name: 'Start transfer' }).click();
  const job = page.getByRole('listitem', { name: /^Job String acoustic β / }).first();
  await job.waitFor();
  const name = (await job.locator('.job-name').textContent()) ?? '';
  assert.equal(await job.locator('.job-name').getAttribute('title'), `${content} × ${style} (cnn)`);
  await page.getByRole('img', { name: `Preview of ${name}` }).waitFor({ timeout: 60000 });
  await eventually(
    'CNN preview frames are drawn',
    async () => (await canvasInk(page, `canvas[aria-label="Preview of ${name}"]`)).painted > 0.05,
    60000,
  );
  await eventually(
    'the loss plot grows',
    async () => (await canvasInk(page, `canvas[aria-label="Loss plot of ${name}"]`)).painted > 0.01,
    30000,
  );
  await session.screenshot('cnn-preview');
  await page.getByRole('button', { name: 'Cancel transfer' }).click();
  await eventually(
    'the CNN job shows as cancelled',
    async () => (await job.textContent())?.includes('Cancelled') ?? false,
    20000,
  );
  assert.equal(await page.getByRole('region', { name: `Track ${name}` }).count(), 0);

  // A short job finishes into a result track over the region, with the CNN's recipe.
  await iterations.fill('4');
  await page.getByRole('button', { name: 'Start transfer' }).click();
  const result = page.getByRole('region', { name: `Track ${name}` });
  await result.waitFor({ timeout: 180000 });
  await assertLanesDrawn(page, name, RESULT_GREEN);
  assert.match((await result.textContent()) ?? '', /1\.00 s/);
  await result.getByText('Recipe').click();
  const recipe = (await result.textContent()) ?? '';
  assert.ok(recipe.includes('methodcnn (verma-smith)'), recipe);
  assert.ok(recipe.includes('modeldemo-verma-smith'), recipe);
  assert.ok(recipe.includes(`Energy envelope weight${energyText}`), recipe);
  assert.ok(recipe.includes('Frequency envelope weight0.01'), recipe);
  await session.screenshot('cnn-result');
}

export async function trainModelFlow(session: EditorSession): Promise<void> {
  const { page } = session;
  const data = classFolder({
    flute: familyClips('flute').slice(0, 3),
    keyboard: familyClips('keyboard').slice(0, 3),
  });
  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Models' });
  await session.answerDialog('training-folder', [data]);
  await panel.getByRole('button', { name: 'Choose folder…' }).click();
  assert.match(
    (await panel.getByLabel('Training data').textContent()) ?? '',
    /2 classes \(flute, keyboard\), 6 clips/,
  );
  await panel.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill('2');
  await panel.getByRole('textbox', { name: 'Model name' }).fill('e2e-tiny');
  await panel.getByRole('button', { name: 'Train', exact: true }).click();

  // Progress while it trains: epochs, loss, accuracy and time left, then the held-out accuracy.
  const row = panel.getByRole('listitem', { name: 'Training e2e-tiny' });
  await row.waitFor();
  const shown = await watchText(row, (text) => /Done|Failed/.test(text), 180000);
  const final = shown.at(-1)!;
  assert.match(final, /Done/, shown.join('\n'));
  assert.ok(
    shown.some((t) =>
      /Training.*epoch [12]\/2 · loss \d\.\d{3} · accuracy [\d.]+% · .* left/.test(t),
    ),
    `no progress was shown:\n${shown.join('\n')}`,
  );
  assert.match(final, /epoch 2\/2 .* held-out accuracy \d/);
  await session.screenshot('trained');

  // The new model is listed (not read-only) and offered to the trained-CNN transfer.
  const listed = panel.getByRole('listitem', { name: 'Model e2e-tiny' });
  await listed.waitFor();
  assert.match((await listed.textContent()) ?? '', /verma-smith · flute, keyboard/);
  assert.doesNotMatch((await listed.textContent()) ?? '', /read-only/);
  assert.ok(
    (await page.getByRole('combobox', { name: 'Model' }).textContent())?.includes('e2e-tiny'),
    'the transfer panel offers the new model',
  );

  // Export, delete (confirmed), and import it back from the exported file.
  const file = join(session.dataDir, 'e2e-tiny.tfmodel');
  await session.answerDialog('model-export', [file]);
  await listed.getByRole('button', { name: 'Export e2e-tiny' }).click();
  await page.getByText(`Exported e2e-tiny to ${file}.`).waitFor();
  assert.ok(existsSync(file));
  // Escape answers the confirmation (Keep) and leaves the Models dialog open.
  await listed.getByRole('button', { name: 'Delete e2e-tiny' }).click();
  const confirm = listed.getByRole('alertdialog', { name: 'Delete e2e-tiny?' });
  await confirm.waitFor();
  await page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'detached' });
  assert.ok(await panel.isVisible(), 'the Models dialog stays open');
  await listed.getByRole('button', { name: 'Delete e2e-tiny' }).click();
  await confirm.getByRole('button', { name: 'Delete model' }).click();
  await listed.waitFor({ state: 'detached' });
  await session.answerDialog('model-file', [file]);
  await panel.getByRole('button', { name: 'Import model file…' }).click();
  await panel.getByRole('listitem', { name: 'Model e2e-tiny' }).waitFor();
  await session.screenshot('imported');
}
