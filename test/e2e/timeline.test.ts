// The timeline in a producer's hands: spectrogram lanes share one frequency axis with a ruler (a
// 16 kHz clip is blank above 8 kHz beside a 44.1 kHz one); the track headers resize; a fitted
// view stays fitted when the window changes; the scrollbar and a sideways wheel scroll.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { eventually, importClips } from './flows';

const skip = missingChromium();

/** Share of painted pixels in the top `rows` rows of a lane's canvas, over its painted columns. */
async function topInk(page: Page, name: string, rows: number): Promise<number> {
  return page.locator(`canvas[aria-label="Spectrogram of ${name}"]`).evaluate((node, top) => {
    const canvas = node as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(...a: number[]): { data: Uint8ClampedArray } };
    };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    // No named functions in here: the test transpiler would wrap them in a helper the page lacks.
    let columns = 0;
    let ink = 0;
    for (let x = 0; x < canvas.width; x++) {
      if (data[((canvas.height - 1) * canvas.width + x) * 4 + 3]! === 0) continue; // outside the clip
      columns++;
      for (let y = 0; y < top; y++) if (data[(y * canvas.width + x) * 4 + 3]! > 0) ink++;
    }
    return columns === 0 ? -1 : ink / (columns * top);
  }, rows);
}

describe('the timeline (test host)', { skip: skip ?? false }, () => {
  test('shared frequency axis, header width, fit across a resize, scrolling', async () => {
    const session = await openEditor('timeline');
    try {
      const { page } = session;
      const [piano = '', flute = ''] = await importClips(session, [
        'long_piano_melody_44k_stereo.wav',
        'flute_acoustic_073-060-127.wav',
      ]);
      const ruler = (name: string) =>
        page
          .getByLabel(`Frequency axis of Spectrogram of ${name}`)
          .locator('span')
          .allTextContents();
      const pianoTicks = await ruler(piano);
      assert.ok(pianoTicks.includes('1k') && pianoTicks.includes('10k'), pianoTicks.join(' '));
      assert.deepEqual(await ruler(flute), pianoTicks, 'one axis for every lane');
      // Log scale 20 Hz-22.05 kHz over 112 rows: 8 kHz sits 15 rows from the top.
      await eventually('both lanes are painted', async () => (await topInk(page, flute, 10)) >= 0);
      assert.equal(await topInk(page, flute, 10), 0, 'nothing above the 16 kHz clip’s 8 kHz');
      assert.ok((await topInk(page, piano, 10)) > 0.5, 'the 44.1 kHz clip reaches the top');
      await session.screenshot('shared-axis');

      // The headers: three steps of 16 px from the keyboard.
      const header = page.getByRole('region', { name: `Track ${piano}` }).locator('.track-header');
      const before = (await header.boundingBox())!.width;
      const handle = page.getByRole('separator', { name: 'Track header width' });
      await handle.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await eventually(
        'the headers widen',
        async () => Math.abs((await header.boundingBox())!.width - before - 48) < 1,
      );

      // Fit, then a narrower window: still the whole session.
      const scrollbar = page.getByRole('scrollbar', { name: 'Timeline scrollbar' });
      await page.getByRole('button', { name: 'Zoom to fit' }).click();
      assert.equal(await scrollbar.getAttribute('aria-valuemax'), '0');
      await page.setViewportSize({ width: 1100, height: 900 });
      await eventually(
        'the fitted view refits to the narrower lanes',
        async () => (await scrollbar.getAttribute('aria-valuemax')) === '0',
      );

      // Zoomed in, a sideways wheel over the lanes and the scrollbar's keys scroll the timeline.
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.getByRole('button', { name: 'Zoom in' }).click();
      assert.ok(Number(await scrollbar.getAttribute('aria-valuemax')) > 6);
      const lane = page.locator(`canvas[aria-label="Spectrogram of ${piano}"]`);
      const box = (await lane.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(400, 0);
      await eventually(
        'the wheel scrolled',
        async () => Number(await scrollbar.getAttribute('aria-valuenow')) > 0.5,
      );
      const wheeled = Number(await scrollbar.getAttribute('aria-valuenow'));
      await scrollbar.focus();
      await page.keyboard.press('PageDown');
      await eventually(
        'Page Down scrolled a screen further',
        async () => Number(await scrollbar.getAttribute('aria-valuenow')) > wheeled + 1,
      );
      await session.screenshot('scrolled');
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
