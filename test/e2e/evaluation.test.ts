// The Evaluation panel in the editor (test host, real engine, shipped demo classifier): a short
// transfer makes a result whose curves show; consistency counts it under the classifier; t-SNE
// over a folder of corpus clips in two class folders draws points, and clicking one plays it.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { corpusFile } from '../fixtures/paths';
import { familyClips } from '../training/fixtures';
import { assertNoPageErrors, canvasInk, missingChromium, openEditor } from './editor-harness';
import { eventually, importClips, selectRegion } from './flows';

const skip = missingChromium();

/** Copies of 4 flute and 4 keyboard corpus clips, one folder per class (the demo's classes). */
function clusterFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-eval-'));
  for (const family of ['flute', 'keyboard'] as const) {
    mkdirSync(join(root, family));
    for (const clip of familyClips(family).slice(0, 4))
      copyFileSync(corpusFile(clip), join(root, family, clip));
  }
  return root;
}

describe('evaluation panel (test host)', { skip: skip ?? false }, () => {
  test('curves, consistency and t-SNE of a session', { timeout: 420000 }, async () => {
    const session = await openEditor('evaluation');
    const data = clusterFolder();
    const { page } = session;
    try {
      // A short transfer over one second of speech makes a result track.
      await importClips(session, ['speech_espeak_en-us.wav', 'string_acoustic_040-069-080.wav']);
      await selectRegion(page, 4, 1, 2);
      await page.getByText(/Region 0:01\.\d\d – 0:02\.\d\d/).waitFor();
      await page.getByRole('spinbutton', { name: 'Iterations' }).fill('6');
      await page.getByRole('button', { name: 'Start transfer' }).click();
      const job = page.getByRole('listitem', { name: /^Job String acoustic β / }).first();
      const name = (await job.locator('.job-name').textContent()) ?? '';
      await page.getByRole('region', { name: `Track ${name}` }).waitFor({ timeout: 240000 });

      // Curves: the result's loss terms on a log scale and its content correlation.
      await page.getByRole('button', { name: 'Evaluation', exact: true }).click();
      const panel = page.getByRole('dialog', { name: 'Evaluation' });
      await panel.waitFor();
      assert.equal(
        await panel
          .getByRole('combobox', { name: 'Result for curves' })
          .inputValue()
          .then(async (id) => (await panel.locator(`option[value="${id}"]`).textContent()) ?? ''),
        name,
      );
      await eventually(
        'the curves are drawn',
        async () =>
          (await canvasInk(page, `canvas[aria-label="Loss plot of curves of ${name}"]`)).painted >
          0.01,
        20000,
      );
      const correlation = panel.getByRole('img', { name: `Content correlation of ${name}` });
      await correlation.waitFor();
      assert.match(
        (await panel.locator('figcaption').last().textContent()) ?? '',
        /content correlation -?[01]\.\d{3}/,
      );
      await session.screenshot('curves');

      // Consistency: the shipped demo classifier counts the one result in one of its classes.
      const classifier = panel.getByRole('combobox', { name: 'Classifier' });
      await classifier.locator('option[value="demo-verma-smith"]').waitFor({ state: 'attached' });
      await classifier.selectOption('demo-verma-smith');
      await panel.getByRole('button', { name: 'Count classes' }).click();
      const table = panel.getByRole('table', { name: 'Consistency counts' });
      await table.waitFor({ timeout: 120000 });
      const rows = await table.locator('tbody tr').allTextContents();
      assert.deepEqual(
        rows.map((r) => r.replace(/\d+$/, '')),
        ['flute', 'keyboard'],
        rows.join(' | '),
      );
      assert.equal(
        rows.reduce((sum, r) => sum + Number(/\d+$/.exec(r)?.[0]), 0),
        1,
        'the one result is counted once',
      );
      assert.match((await table.locator('caption').textContent()) ?? '', /1 of 1 results/);
      await session.screenshot('consistency');

      // Clusters: t-SNE of 8 clips; one point per clip in its class's colour, a legend; a click plays.
      await session.answerDialog('training-folder', [data]);
      await panel.getByRole('button', { name: 'Choose folder…' }).click();
      await eventually('the chosen folder is described', async () =>
        /2 classes \(flute, keyboard\), 8 clips/.test(
          (await panel.getByLabel('Cluster data').textContent()) ?? '',
        ),
      );
      await panel.getByRole('button', { name: 'Draw t-SNE' }).click();
      const map = panel.getByRole('group', { name: 'Cluster map' });
      await map.waitFor({ timeout: 180000 });
      const points = map.getByRole('button', { name: /^Play / });
      assert.equal(await points.count(), 8);
      const fills = new Set(await points.evaluateAll((n) => n.map((c) => c.getAttribute('fill'))));
      assert.equal(fills.size, 2, 'one colour per class');
      assert.match((await panel.getByLabel('Legend').textContent()) ?? '', /flute.*keyboard/);
      const point = map.getByRole('button', { name: /\(keyboard\)$/ }).first();
      const clip = /^Play (.+) \(keyboard\)$/.exec((await point.getAttribute('aria-label')) ?? '');
      assert.ok(clip);
      const served = page.waitForResponse(
        (r) => r.url().includes('/media/') && r.url().endsWith(encodeURIComponent(clip[1]!)),
      );
      await point.click();
      assert.ok((await served).ok(), 'the clip is served to the page');
      await eventually(
        'the clicked point plays',
        async () => (await point.getAttribute('aria-pressed')) === 'true',
      );
      await session.screenshot('clusters');
      // From the keyboard: Enter on another point plays that one instead.
      const other = map.getByRole('button', { name: /\(flute\)$/ }).first();
      await other.focus();
      await page.keyboard.press('Enter');
      await eventually(
        'Enter plays the focused point',
        async () =>
          (await other.getAttribute('aria-pressed')) === 'true' &&
          (await point.getAttribute('aria-pressed')) === 'false',
      );

      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
      rmSync(data, { recursive: true, force: true });
    }
  });
});
