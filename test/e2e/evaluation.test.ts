// The Evaluation panel in the editor (test host, real engine, shipped demo classifier): a short
// transfer makes a result whose curves show; consistency counts the results chosen in the picker
// under the classifier; t-SNE over a folder of corpus clips in two class folders draws points of
// the chosen layer, and clicking one plays it; the blind ratings, summarised per pair and method,
// export as the CLI's CSV; closing and reopening the panel keeps every result, and a running map's
// progress shows again.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  test(
    'curves, consistency, clusters and ratings of a session, kept when the panel closes',
    { timeout: 480000 },
    async () => {
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
        const tab = (name: string) => panel.getByRole('tab', { name, exact: true });
        assert.equal(await tab('Consistency').getAttribute('aria-selected'), 'true');
        await tab('Curves').click();
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

        // Consistency: the shipped demo classifier counts the chosen result in one of its classes;
        // the picker offers every result, all chosen, and nothing can be counted of none.
        await tab('Consistency').click();
        const picked = panel.getByRole('checkbox', { name: `Classify ${name}` });
        assert.ok(await picked.isChecked(), 'every result is chosen by default');
        await picked.uncheck();
        assert.equal(await panel.getByRole('checkbox', { name: 'All results' }).isChecked(), false);
        assert.ok(await panel.getByRole('button', { name: 'Count classes' }).isDisabled());
        await panel.getByRole('checkbox', { name: 'All results' }).check();
        assert.ok(await picked.isChecked());
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
        // The layers offered are the classifier's activations (as the CLI's), the last pooling chosen.
        await tab('Clusters').click();
        const layer = panel.getByRole('combobox', { name: 'Layer' });
        await layer.locator('option[value="pool5"]').waitFor({ state: 'attached' });
        assert.deepEqual(
          await layer.locator('option').evaluateAll((o) => o.map((n) => n.getAttribute('value'))),
          ['relu1', 'pool1', 'relu2', 'pool2', 'relu3', 'relu4', 'relu5', 'pool5'],
        );
        assert.equal(await layer.inputValue(), 'pool5');
        assert.equal(await panel.getByRole('combobox', { name: 'Map' }).inputValue(), 'tsne');
        assert.equal(await panel.getByRole('spinbutton', { name: 'Seed' }).inputValue(), '0');
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
        const fills = new Set(
          await points.evaluateAll((n) => n.map((c) => c.getAttribute('fill'))),
        );
        assert.equal(fills.size, 2, 'one colour per class');
        assert.match(
          (await panel.getByLabel('Legend').textContent()) ?? '',
          /flute.*keyboard.*t-SNE of pool5, seed 0/,
        );
        const point = map.getByRole('button', { name: /\(keyboard\)$/ }).first();
        const clip = /^Play (.+) \(keyboard\)$/.exec(
          (await point.getAttribute('aria-label')) ?? '',
        );
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

        // Ratings: the blind test's ratings (content and result) hidden while it runs, summarised
        // per pair and method once it is finished, and exported as the CLI's CSV.
        await page.getByRole('checkbox', { name: 'Blind test' }).check();
        const ratings = page.getByRole('radiogroup', { name: /^Rating of Sound \d$/ });
        assert.equal(await ratings.count(), 2);
        for (const [i, score] of [
          [0, '4'],
          [1, '2'],
        ] as const) {
          await ratings.nth(i).getByRole('radio', { name: score }).click();
          await eventually(
            'the rating is recorded',
            async () =>
              (await ratings
                .nth(i)
                .getByRole('radio', { name: score })
                .getAttribute('aria-checked')) === 'true',
          );
        }
        await page.getByRole('button', { name: 'Evaluation', exact: true }).click();
        await tab('Ratings').click();
        assert.match(
          (await panel.getByLabel('Ratings summary').textContent()) ?? '',
          /appears when the blind test is finished/,
        );
        // The tabs that name results are hidden too while the test runs.
        for (const named of ['Consistency', 'Curves']) {
          await tab(named).click();
          assert.match(
            (await panel.getByLabel('Hidden during the blind test').textContent()) ?? '',
            new RegExp(`^${named} names the results`),
          );
          assert.equal(await table.count(), 0, `${named}: no table of results`);
          assert.equal(await panel.locator('canvas').count(), 0, `${named}: no curves`);
        }
        await tab('Ratings').click();
        await page.getByRole('button', { name: 'Finish and reveal' }).click();
        const summary = panel.getByRole('table', { name: 'Ratings per pair and method' });
        await summary.waitFor();
        const ratingRows = await summary.locator('tbody tr').allTextContents();
        assert.equal(ratingRows.length, 2, ratingRows.join(' | '));
        assert.match(ratingRows[0]!, /\(the content itself\)reference1[24]\.00–[24]–[24]$/);
        assert.match(ratingRows[1]!, /← string_acoustic_040-069-080shallow1[24]\.00–[24]–[24]$/);
        assert.match(
          (await panel.getByLabel('Ratings summary').textContent()) ?? '',
          /1 of 1 results rated/,
        );
        const csv = join(data, 'ratings.csv');
        await session.answerDialog('ratings-export', [csv]);
        await panel.getByRole('button', { name: 'Export CSV…' }).click();
        await page.getByText(`Exported the ratings (2 rows) to ${csv}.`).waitFor();
        const lines = readFileSync(csv, 'utf8').split('\r\n');
        assert.equal(lines[0], 'content,styles,method,count,mean,std,min,max');
        assert.match(lines[1]!, /,,reference,1,[24],,[24],[24]$/);
        assert.match(lines[2]!, /,string_acoustic_040-069-080,shallow,1,[24],,[24],[24]$/);
        await session.screenshot('ratings');

        // Closed and reopened: every tab shows what it showed; the last tab is open again.
        await page.getByRole('button', { name: 'Close evaluation' }).click();
        await panel.waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Evaluation', exact: true }).click();
        assert.equal(await tab('Ratings').getAttribute('aria-selected'), 'true');
        await summary.waitFor();
        await tab('Consistency').click();
        assert.match((await table.locator('caption').textContent()) ?? '', /1 of 1 results/);
        await tab('Curves').click();
        await eventually(
          'the kept curves are drawn',
          async () =>
            (await canvasInk(page, `canvas[aria-label="Loss plot of curves of ${name}"]`)).painted >
            0.01,
        );
        await tab('Clusters').click();
        assert.equal(await points.count(), 8, 'the map is kept');

        // Another map (UMAP of pool2, seed 3): the panel closed while it runs shows its progress
        // again when reopened, the kept map beside it until the new one arrives.
        await panel.getByRole('combobox', { name: 'Map' }).selectOption('umap');
        await layer.selectOption('pool2');
        await panel.getByRole('spinbutton', { name: 'Seed' }).fill('3');
        await panel.getByRole('button', { name: 'Draw UMAP' }).click();
        await page.getByRole('button', { name: 'Close evaluation' }).click();
        await panel.waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Evaluation', exact: true }).click();
        const status = panel.getByLabel('clusters status');
        await status.getByRole('button', { name: 'Cancel' }).waitFor();
        assert.match((await status.textContent()) ?? '', /…/);
        assert.equal(await points.count(), 8, 'the last map stays while the next one is drawn');
        await eventually(
          'the UMAP arrives',
          async () =>
            /UMAP of pool2, seed 3/.test((await panel.getByLabel('Legend').textContent()) ?? ''),
          180000,
        );
        assert.equal(await points.count(), 8);
        assert.equal(await layer.inputValue(), 'pool2', 'the choices are kept too');
        await session.screenshot('umap');

        // The A/B panel's revealed answers lead to the summary.
        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Ratings per pair and method' }).click();
        assert.equal(await tab('Ratings').getAttribute('aria-selected'), 'true');
        await summary.waitFor();

        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'detached' });
        assertNoPageErrors(session.pageErrors);
      } finally {
        await session.close();
        rmSync(data, { recursive: true, force: true });
      }
    },
  );
});
