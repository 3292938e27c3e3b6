// Arranging the session by hand: a clip is dragged along the timeline by its waveform (one undo
// step), nudged with Alt+arrows; tracks are reordered by dragging a header or with Alt+Up/Down.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertNoPageErrors, missingChromium, openEditor } from './editor-harness';
import { eventually, importClips } from './flows';

const skip = missingChromium();

interface PageTracks {
  name: string;
  start: number;
}

/** The session as the main process holds it (through the page's own API). */
async function tracksOf(page: Page): Promise<PageTracks[]> {
  return page.evaluate(`window.timbrefold.getProject().then((r) =>
    r.document.tracks.map((t) => ({ name: t.name, start: t.clip.start })))`);
}

async function regionOrder(page: Page): Promise<string[]> {
  return (await page
    .locator('section.track')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''))) as string[];
}

describe('arranging clips and tracks (test host)', { skip: skip ?? false }, () => {
  test('drag a clip, nudge it, undo; reorder tracks by drag and keyboard', async () => {
    const session = await openEditor('arrange');
    try {
      const { page } = session;
      const [piano = '', flute = '', guitar = ''] = await importClips(session, [
        'long_piano_melody_44k_stereo.wav',
        'flute_acoustic_073-060-127.wav',
        'guitar_acoustic_024-047-064.wav',
      ]);
      await page.getByRole('button', { name: 'Zoom to fit' }).click();

      // Drag the flute's waveform a quarter of the lanes' width to the right: 3 s of 12.
      const lane = page.getByRole('img', { name: `Waveform of ${flute}`, exact: true });
      const box = (await lane.boundingBox())!;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + 40, y);
      await page.mouse.down();
      await page.mouse.move(box.x + 40 + box.width / 8, y, { steps: 5 });
      await page.mouse.move(box.x + 40 + box.width / 4, y, { steps: 5 });
      await session.screenshot('dragging-clip');
      await page.mouse.up();
      await eventually('the flute moved about 3 s', async () => {
        const start = (await tracksOf(page)).find((t) => t.name === flute)!.start;
        return Math.abs(start - 3) < 0.15;
      });
      const dragged = (await tracksOf(page)).find((t) => t.name === flute)!.start;

      // Alt+Right from the flute's mute button: 0.1 s later; Ctrl+Z undoes the nudge only. (Moves
      // of one clip within 1.5 s are one undo step, like a slider's: wait that long first.)
      await new Promise((resolve) => setTimeout(resolve, 1600));
      await page.getByRole('button', { name: `Mute ${flute}` }).focus();
      await page.keyboard.press('Alt+ArrowRight');
      await eventually('nudged by 0.1 s', async () => {
        const start = (await tracksOf(page)).find((t) => t.name === flute)!.start;
        return Math.abs(start - dragged - 0.1) < 1e-6;
      });
      await page.keyboard.press('Control+z');
      await eventually('the nudge is undone, the drag kept', async () => {
        const start = (await tracksOf(page)).find((t) => t.name === flute)!.start;
        return Math.abs(start - dragged) < 1e-6;
      });

      // Drag the guitar's header above the piano's.
      const from = (await page
        .getByRole('region', { name: `Track ${guitar}` })
        .locator('.track-meta')
        .boundingBox())!;
      const top = (await page.getByRole('region', { name: `Track ${piano}` }).boundingBox())!;
      await page.mouse.move(from.x + 20, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + 20, top.y + 30, { steps: 6 });
      await page.mouse.move(from.x + 20, top.y + 10, { steps: 3 });
      await session.screenshot('dragging-track');
      await page.mouse.up();
      await eventually(
        'the guitar is on top',
        async () =>
          JSON.stringify(await regionOrder(page)) ===
          JSON.stringify([`Track ${guitar}`, `Track ${piano}`, `Track ${flute}`]),
      );

      // Alt+Down moves the piano below the flute.
      await page.getByRole('button', { name: `Mute ${piano}` }).focus();
      await page.keyboard.press('Alt+ArrowDown');
      await eventually(
        'the piano moved down',
        async () =>
          JSON.stringify((await tracksOf(page)).map((t) => t.name)) ===
          JSON.stringify([guitar, flute, piano]),
      );
      assert.deepEqual(await regionOrder(page), [
        `Track ${guitar}`,
        `Track ${flute}`,
        `Track ${piano}`,
      ]);
      await session.screenshot('arranged');
      assertNoPageErrors(session.pageErrors);
    } finally {
      await session.close();
    }
  });
});
