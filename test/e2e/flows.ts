// What a user does in the editor, written once and run against each host (the browser test host
// and, where its binary exists, the desktop app). Each flow asserts on what a person would see.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { readWav } from '../../src/main/audio';
import { corpusFile } from '../fixtures/paths';
import { canvasInk, waveformInk, type EditorSession } from './editor-harness';

export const CONTENT_BLUE: [number, number, number] = [0x5f, 0xb3, 0xd9];
export const STYLE_ORANGE: [number, number, number] = [0xd9, 0xa2, 0x5f];
export const RESULT_GREEN: [number, number, number] = [0x8f, 0xd3, 0x6b];

/** Polls until `check` holds (the page updates asynchronously); fails with `what`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`Timed out waiting until ${what}`);
}

async function pressed(locator: Locator): Promise<boolean> {
  return (await locator.getAttribute('aria-pressed')) === 'true';
}

function seconds(clock: string | null): number {
  const [m, s] = (clock ?? '0:0').split(':');
  return Number(m) * 60 + Number(s);
}

/**
 * Clicks Import audio and picks these files: in the desktop app its dialog is answered; in a
 * browser the browser's own file chooser opens and the files are uploaded.
 */
export async function importThroughChooser(session: EditorSession, paths: string[]): Promise<void> {
  const button = session.page.getByRole('button', { name: 'Import audio' });
  if (session.target === 'electron') {
    await session.answerDialog('audio-files', paths);
    await button.click();
    return;
  }
  const [chooser] = await Promise.all([session.page.waitForEvent('filechooser'), button.click()]);
  assert.ok(chooser.isMultiple(), 'the browser chooser takes several files');
  await chooser.setFiles(paths);
}

/** Imports corpus files through the Import audio button. */
export async function importClips(session: EditorSession, files: string[]): Promise<string[]> {
  await importThroughChooser(
    session,
    files.map((f) => corpusFile(f)),
  );
  const names = files.map((f) => f.replace(/\.wav$/, ''));
  for (const name of names)
    await session.page.getByRole('img', { name: `Spectrogram of ${name}`, exact: true }).waitFor();
  return names;
}

/** The lanes of a track are drawn: a painted, varied spectrogram and a waveform in the track's colour. */
export async function assertLanesDrawn(
  page: Page,
  name: string,
  colour: [number, number, number],
): Promise<void> {
  let spectrogram = { painted: 0, colours: 0 };
  let waveform = 0;
  await eventually(`the lanes of ${name} are drawn`, async () => {
    spectrogram = await canvasInk(page, `canvas[aria-label="Spectrogram of ${name}"]`);
    waveform = await waveformInk(page, name, colour);
    return spectrogram.painted > 0.2 && spectrogram.colours > 20 && waveform > 0.01;
  }).catch(() => {
    assert.fail(
      `The lanes of ${name} are not drawn: spectrogram ${spectrogram.painted} painted in ${spectrogram.colours} colours, waveform ${waveform}`,
    );
  });
}

export async function importAndSeeLanes(session: EditorSession): Promise<void> {
  const { page } = session;
  await page.getByText('Drop audio files here').waitFor();
  await session.screenshot('empty-session');
  const [piano] = await importClips(session, ['long_piano_melody_44k_stereo.wav']);
  const track = page.getByRole('region', { name: `Track ${piano}` });
  await assertLanesDrawn(page, piano!, CONTENT_BLUE);
  assert.match((await track.textContent()) ?? '', /12\.00 s · 44\.1 kHz · stereo/);
  assert.equal(
    await page.getByRole('combobox', { name: `Role of ${piano}` }).inputValue(),
    'content',
  );
  await session.screenshot('content-imported');

  const [violin] = await importClips(session, ['string_acoustic_040-062-100.wav']);
  await assertLanesDrawn(page, violin!, STYLE_ORANGE);
  assert.match(
    (await page.getByRole('region', { name: `Track ${violin}` }).textContent()) ?? '',
    /4\.00 s · 16\.0 kHz · mono/,
  );
  assert.equal(
    await page.getByRole('combobox', { name: `Role of ${violin}` }).inputValue(),
    'style',
  );
  // 4 s of a 12 s session: the violin's spectrogram covers about a third of its lane.
  const ink = await canvasInk(page, `canvas[aria-label="Spectrogram of ${violin}"]`);
  assert.ok(ink.painted > 0.25 && ink.painted < 0.42, `the violin lane is ${ink.painted} painted`);

  // Zooming in redraws every lane for the new view: the violin now fills its lane's width, up to
  // its own 8 kHz (the lanes share the 44.1 kHz piano's axis: the top 15 of 112 rows stay blank).
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await eventually('the zoomed lanes redraw', async () => {
    const zoomed = await canvasInk(page, `canvas[aria-label="Spectrogram of ${violin}"]`);
    return zoomed.painted > 0.83 && zoomed.painted < 0.9;
  });
  await session.screenshot('zoomed-in');
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  await session.screenshot('style-imported');
}

export async function listenAndSave(session: EditorSession): Promise<void> {
  const { page } = session;
  const [content, style] = await importClips(session, [
    'long_drum_bass_loop_44k_stereo.wav',
    'flute_acoustic_073-072-100.wav',
  ]);
  const clock = page.locator('output.clock');

  // Playback: the clock runs; Space pauses.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  await page.waitForTimeout(1200);
  await session.screenshot('playing');
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  const paused = seconds(await clock.textContent());
  assert.ok(paused > 0.5 && paused < 5, `the playhead stopped at ${paused} s`);

  // A/B: one sound at a time, switched with number keys, at the same playhead, loudness-matched.
  await page.getByRole('button', { name: 'A/B', exact: true }).click();
  const listenTo = page.getByRole('radiogroup', { name: 'Listen to' });
  // A/B compares the content with its results: a style clip is not a candidate.
  assert.deepEqual(await listenTo.getByRole('radio').allTextContents(), [`1 ${content} (content)`]);
  assert.equal(
    await listenTo.getByRole('radio', { checked: true }).textContent(),
    `1 ${content} (content)`,
  );
  await page.keyboard.press('2');
  assert.equal(
    await listenTo.getByRole('radio', { checked: true }).textContent(),
    `1 ${content} (content)`,
    'no second candidate to switch to',
  );
  assert.match(
    (await page.getByText(/Loudness matched to/).textContent()) ?? '',
    /matched to the content \(-\d+\.\d LUFS\)/,
  );
  assert.match(
    (await page.getByRole('region', { name: `Track ${style}` }).getAttribute('class')) ?? '',
    /dimmed/,
  );
  assert.equal(seconds(await clock.textContent()), paused, 'A/B kept the playhead');
  await session.screenshot('ab-content');
  await page.getByRole('button', { name: 'A/B', exact: true }).click();

  // Mute, then undo and redo from the keyboard.
  const mute = page.getByRole('button', { name: `Mute ${style}` });
  await mute.click();
  await eventually('the style is muted', () => pressed(mute));
  await page.locator('.track-rows').click({ position: { x: 100, y: 600 } });
  await page.keyboard.press('Control+z');
  await eventually('undo unmutes', async () => !(await pressed(mute)));
  await page.keyboard.press('Control+Shift+z');
  await eventually('redo mutes again', () => pressed(mute));

  // Save to a folder (Ctrl+S on an untitled project asks where), start anew, reopen from the recent list.
  const folder = join(session.dataDir, 'My Session');
  await session.answerDialog('save-folder', [folder]);
  await page.keyboard.press('Control+s');
  await page.getByText(`Saved to ${folder}.`).waitFor();
  await page.locator('.project-name', { hasText: 'My Session' }).waitFor();
  const saved = JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')) as {
    tracks: { mute: boolean }[];
  };
  assert.deepEqual(
    saved.tracks.map((t) => t.mute),
    [false, true],
  );
  await session.screenshot('saved');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByText('Drop audio files here').waitFor();
  await page
    .getByRole('combobox', { name: 'Recent projects' })
    .selectOption({ label: 'My Session' });
  await page.getByRole('img', { name: `Spectrogram of ${style}` }).waitFor();
  assert.ok(await pressed(page.getByRole('button', { name: `Mute ${style}` })));
  await assertLanesDrawn(page, content!, CONTENT_BLUE);
  await session.screenshot('reopened');
}

export interface StemCheck {
  name: string;
  channels: number;
}

export async function exportStems(session: EditorSession): Promise<void> {
  const { page } = session;
  const [piano, flute] = await importClips(session, [
    'long_piano_melody_44k_stereo.wav',
    'flute_acoustic_073-060-127.wav',
  ]);
  await page.getByRole('button', { name: 'Export stems' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export stems dialog' });
  await dialog.waitFor();
  await dialog
    .getByRole('combobox', { name: 'Sample format' })
    .selectOption({ label: '16-bit PCM' });
  await dialog.getByRole('combobox', { name: 'Sample rate' }).selectOption('44100');
  await dialog.getByRole('textbox', { name: 'File names' }).fill('{n}-{role}-{track}');
  await session.screenshot('export-dialog');
  const folder = join(session.dataDir, 'stems');
  await mkdir(folder);
  await session.answerDialog('export-folder', [folder]);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const list = dialog.getByRole('list', { name: 'Exported files' });
  await list.waitFor({ timeout: 20000 });
  await session.screenshot('exported');
  const files = [`01-content-${piano}.wav`, `02-style-${flute}.wav`].map((f) => join(folder, f));
  for (const file of files) {
    const { audio, format } = await readWav(file);
    assert.equal(format.codec, 'pcm', file);
    assert.equal(format.bitDepth, 16, file);
    assert.equal(audio.sampleRate, 44100, file);
    // Padded to the session length: the 4 s flute is as long as the 12 s piano.
    assert.equal(audio.channels[0]!.length, 12 * 44100, file);
  }
  assert.equal((await readWav(files[1]!)).audio.channels.length, 1);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Again as FLAC: the rate offered first is the project's own (the piano content's 44.1 kHz).
  await page.getByRole('button', { name: 'Export stems' }).click();
  await dialog.waitFor();
  const rate = dialog.getByRole('combobox', { name: 'Sample rate' });
  assert.equal(
    await rate.locator('option:checked').textContent(),
    '44.1 kHz (project)',
    'the project rate is the default',
  );
  await dialog
    .getByRole('combobox', { name: 'File format' })
    .selectOption({ label: 'FLAC (lossless)' });
  assert.deepEqual(
    await dialog
      .getByRole('combobox', { name: 'Sample format' })
      .locator('option')
      .allTextContents(),
    ['16-bit PCM', '24-bit PCM'],
    'FLAC offers no float samples',
  );
  const flacFolder = join(session.dataDir, 'stems-flac');
  await mkdir(flacFolder);
  await session.answerDialog('export-folder', [flacFolder]);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await dialog.getByRole('list', { name: 'Exported files' }).waitFor({ timeout: 20000 });
  await session.screenshot('exported-flac');
  const flac = await readFile(join(flacFolder, `01 ${piano}.flac`));
  assert.equal(new TextDecoder().decode(flac.subarray(0, 4)), 'fLaC');
  // Show in folder belongs to the desktop app; a browser gets the paths.
  assert.equal(
    await dialog.getByRole('button', { name: /in its folder/ }).count(),
    session.target === 'electron' ? 2 : 0,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
}

export interface FrameTimes {
  frames: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Frames slower than 50 ms (a stall a person notices). */
  over50Ms: number;
}

/** Starts recording the page's frame intervals (requestAnimationFrame); returns the stopper. */
export async function recordFrameTimes(page: Page): Promise<() => Promise<FrameTimes>> {
  // A script string: the test runner's transpiler would wrap named functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const state = globalThis;
    state.frameTimes = [];
    state.sampling = true;
    let last = performance.now();
    const tick = (now) => {
      state.frameTimes.push(now - last);
      last = now;
      if (state.sampling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  return async () => {
    const times = await page.evaluate(() => {
      const state = globalThis as unknown as { frameTimes: number[]; sampling: boolean };
      state.sampling = false;
      return state.frameTimes.slice(1);
    });
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number): number =>
      Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
    return {
      frames: times.length,
      medianMs: at(0.5),
      p95Ms: at(0.95),
      p99Ms: at(0.99),
      maxMs: Number((sorted.at(-1) ?? 0).toFixed(1)),
      over50Ms: times.filter((t) => t > 50).length,
    };
  };
}

/** Drags on the timeline ruler from one time to another (the session must be fitted to view). */
export async function selectRegion(
  page: Page,
  sessionSeconds: number,
  from: number,
  to: number,
): Promise<void> {
  const box = await page.getByRole('slider', { name: /Timeline/ }).boundingBox();
  assert.ok(box);
  const x = (t: number): number => box.x + (t / sessionSeconds) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x(from), y);
  await page.mouse.down();
  await page.mouse.move(x((from + to) / 2), y, { steps: 4 });
  await page.mouse.move(x(to), y, { steps: 4 });
  await page.mouse.up();
}

/**
 * Start a long transfer, watch its previews and loss plot, cancel it; start a short one and let it
 * finish into a result track; compare it in A/B and rate it blind. Returns the page's frame times
 * while the jobs ran.
 */
export async function transferFlow(session: EditorSession): Promise<FrameTimes> {
  const { page } = session;
  const [content, violin, flute] = await importClips(session, [
    'speech_espeak_en-us.wav',
    'string_acoustic_040-069-080.wav',
    'flute_acoustic_073-072-100.wav',
  ]);
  await page.getByRole('checkbox', { name: `Use ${flute} as style` }).check();

  // Alpha and beta on their log sliders, from the keyboard.
  const alpha = page.getByRole('slider', { name: 'Content weight (alpha)' });
  const beta = page.getByRole('slider', { name: 'Style weight (beta)' });
  await alpha.focus();
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowRight');
  await beta.focus();
  await page.keyboard.press('PageUp');
  const weight = async (slider: Locator): Promise<number> =>
    Number(await slider.getAttribute('aria-valuetext'));
  // 50 steps of 8 decades / 1000 raise alpha by 0.4 decades; PageUp raises beta by 0.8.
  await eventually(
    'the sliders show their new weights',
    async () =>
      Math.abs((await weight(alpha)) / 0.0251 - 1) < 0.03 &&
      Math.abs((await weight(beta)) / 6.31 - 1) < 0.03,
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}: alpha ${await weight(alpha)}, beta ${await weight(beta)}`);
  });
  const alphaText = await alpha.getAttribute('aria-valuetext');
  const betaText = await beta.getAttribute('aria-valuetext');
  await selectRegion(page, 4, 1, 2.5);
  await page.getByText(/Region 0:01\.\d\d – 0:02\.\d\d/).waitFor();

  const stopFrames = await recordFrameTimes(page);
  // A long job: watch it, then cancel it.
  await page.getByRole('spinbutton', { name: 'Iterations' }).fill('400');
  await page.getByRole('button', { name: 'Start transfer' }).click();
  // A result is named by its first style, how many more, and beta; the full name is its tooltip.
  const firstJob = page.getByRole('listitem', { name: /^Job String acoustic \+1 β [\d.]+$/ });
  const jobName = firstJob.locator('.job-name');
  await jobName.waitFor();
  const name = (await jobName.textContent()) ?? '';
  assert.equal(name, `String acoustic +1 β ${Number(Number(betaText).toPrecision(3))}`);
  assert.equal(await jobName.getAttribute('title'), `${content} × ${violin} + ${flute} (shallow)`);
  await eventually(
    'the job runs',
    async () => (await firstJob.textContent())?.includes('Running') ?? false,
    30000,
  );
  await eventually(
    'the loss plot grows',
    async () => (await canvasInk(page, `canvas[aria-label="Loss plot of ${name}"]`)).painted > 0.01,
    60000,
  );
  await page.getByRole('img', { name: `Preview of ${name}` }).waitFor({ timeout: 60000 });
  await eventually(
    'preview frames arrive and are drawn',
    async () => (await canvasInk(page, `canvas[aria-label="Preview of ${name}"]`)).painted > 0.05,
    60000,
  );
  // The current iterate plays (the whole region so far) until Stop.
  const iterate = page.getByRole('button', { name: `Play current iterate of ${name}` });
  await iterate.click();
  await eventually(
    'the iterate plays',
    async () => (await iterate.getAttribute('aria-pressed')) === 'true',
  );
  await session.screenshot('live-preview');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await eventually(
    'Stop ends the iterate',
    async () => (await iterate.getAttribute('aria-pressed')) === 'false',
  );
  await page.getByRole('button', { name: 'Cancel transfer' }).click();
  await eventually(
    'the job shows as cancelled',
    async () => (await firstJob.textContent())?.includes('Cancelled') ?? false,
    20000,
  );
  assert.equal(
    await page.getByRole('region', { name: `Track ${name}` }).count(),
    0,
    'a cancelled job adds no track',
  );

  // A short job runs to the end and becomes a result track aligned with the region.
  await page.getByRole('spinbutton', { name: 'Iterations' }).fill('12');
  await page.getByRole('button', { name: 'Start transfer' }).click();
  const result = page.getByRole('region', { name: `Track ${name}` });
  await result.waitFor({ timeout: 240000 });
  const frameTimes = await stopFrames();
  await assertLanesDrawn(page, name, RESULT_GREEN);
  // The new result was scrolled into view: its row sits inside the track list's visible part.
  await eventually('the result is in view', async () => {
    const row = await result.boundingBox();
    const list = await page.locator('.track-rows').boundingBox();
    return !!row && !!list && row.y >= list.y - 1 && row.y + row.height <= list.y + list.height + 1;
  });
  assert.match((await result.textContent()) ?? '', /1\.50 s/);
  await result.getByText('Recipe').click();
  // The recipe carries the weights the sliders showed.
  const recipeText = (await result.textContent()) ?? '';
  assert.ok(
    recipeText.includes(`Content weight (alpha)${alphaText}`) &&
      recipeText.includes(`Style weight (beta)${betaText}`),
    `the recipe shows alpha ${alphaText} and beta ${betaText}: ${recipeText}`,
  );
  await session.screenshot('result-track');

  // A/B between the content and the result, then a blind rating saved into the project.
  await page.getByRole('button', { name: 'A/B', exact: true }).click();
  await page.keyboard.press('2');
  const listenTo = page.getByRole('radiogroup', { name: 'Listen to' });
  assert.equal(
    await listenTo.getByRole('radio', { checked: true }).textContent(),
    `2 ${name} (result)`,
  );
  await page.getByRole('checkbox', { name: 'Blind test' }).check();
  assert.doesNotMatch(
    (await listenTo.textContent()) ?? '',
    /speech|violin|flute|shallow/,
    'blind labels hide the names',
  );
  await page.getByText('Blind test: the tracks are hidden').waitFor();
  assert.equal(
    await page.getByRole('region', { name: `Track ${name}` }).isVisible(),
    false,
    'blind hides the tracks',
  );
  // Every sound has a rating row (the content is the hidden reference), so none gives itself away.
  const ratings = page.getByRole('radiogroup', { name: /^Rating of Sound \d$/ });
  assert.equal(await ratings.count(), 2);
  for (const [i, score] of [
    [0, '4'],
    [1, '2'],
  ] as const) {
    const rating = ratings.nth(i);
    await rating.getByRole('radio', { name: score }).click();
    await eventually(
      'the rating is recorded',
      async () =>
        (await rating.getByRole('radio', { name: score }).getAttribute('aria-checked')) === 'true',
    );
  }
  await session.screenshot('blind-rating');
  const folder = join(session.dataDir, 'Rated');
  await session.answerDialog('save-folder', [folder]);
  await page.keyboard.press('Control+s');
  await page.getByText(`Saved to ${folder}.`).waitFor();
  const saved = JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')) as {
    tracks: { id: string; role: string }[];
    ratings: Record<string, number>;
  };
  const resultId = saved.tracks.find((t) => t.role === 'result')!.id;
  const contentId = saved.tracks.find((t) => t.role === 'content')!.id;
  assert.deepEqual(Object.keys(saved.ratings).sort(), [contentId, resultId].sort());
  assert.deepEqual(Object.values(saved.ratings).sort(), [2, 4]);
  // Finishing reveals which sound was which, with its rating.
  await page.getByRole('button', { name: 'Finish and reveal' }).click();
  const answers = page.getByRole('table', { name: 'Blind test answers' });
  await answers.waitFor();
  const rows = await answers.locator('tbody tr').allTextContents();
  assert.equal(rows.length, 2);
  for (const [shown, id] of [
    [`${name} (result)`, resultId],
    [`${content} (content)`, contentId],
  ] as const)
    assert.ok(
      rows.some((r) => r.includes(shown) && r.endsWith(String(saved.ratings[id]))),
      `the answers name ${shown} with its rating: ${rows.join(' | ')}`,
    );
  assert.equal(
    await page.getByRole('region', { name: `Track ${name}` }).isVisible(),
    true,
    'the tracks are shown again',
  );
  await session.screenshot('blind-revealed');
  return frameTimes;
}

/** Drops a corpus WAV on the window (a browser page gets its bytes, not its path) and records the microphone. */
export async function dropAndRecord(session: EditorSession): Promise<void> {
  const { page } = session;
  const bytes = [...(await readFile(corpusFile('guitar_acoustic_024-052-127.wav')))];
  const dataTransfer = await page.evaluateHandle((data: number[]) => {
    // Page globals, typed here because the Node side has no DOM types.
    const page = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
    };
    const transfer = new page.DataTransfer();
    transfer.items.add(
      new page.File([new Uint8Array(data)], 'dropped guitar.wav', { type: 'audio/wav' }),
    );
    return transfer;
  }, bytes);
  await page.locator('.track-list').dispatchEvent('dragover', { dataTransfer });
  await page.locator('.track-list').dispatchEvent('drop', { dataTransfer });
  await page.getByRole('img', { name: 'Spectrogram of dropped guitar', exact: true }).waitFor();
  await assertLanesDrawn(page, 'dropped guitar', CONTENT_BLUE);
  assert.equal(
    await page.getByRole('combobox', { name: 'Role of dropped guitar' }).inputValue(),
    'content',
  );

  // Record from the (fake) microphone: the page's recorder, decoded by its audio stack, becomes a track.
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByRole('button', { name: 'Stop recording' }).waitFor();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  const recording = page.getByRole('region', { name: 'Track Recording 1' });
  await recording.waitFor({ timeout: 15000 });
  await page.getByRole('img', { name: 'Spectrogram of Recording 1', exact: true }).waitFor();
  const duration = Number(/(\d+\.\d\d) s ·/.exec((await recording.textContent()) ?? '')?.[1]);
  assert.ok(duration > 1 && duration < 4, `the recording lasts ${duration} s`);

  // A compressed file chosen with Import audio: the page decodes it (in the desktop app the main
  // process hands it back first). The file is Opus in WebM, recorded by the browser itself (no encoder needed here).
  const webm = await page.evaluate(`(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm' });
    const chunks = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    recorder.stop();
    await stopped;
    stream.getTracks().forEach((t) => t.stop());
    return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
  })()`);
  const compressed = join(session.dataDir, 'voice memo.webm');
  await writeFile(compressed, Uint8Array.from(webm as number[]));
  await importThroughChooser(session, [compressed]);
  const memo = page.getByRole('region', { name: 'Track voice memo' });
  await memo.waitFor({ timeout: 15000 });
  await page.getByRole('img', { name: 'Spectrogram of voice memo', exact: true }).waitFor();
  assert.match(
    (await memo.textContent()) ?? '',
    /48\.0 kHz/,
    'decoded by the page at its audio rate',
  );
  await session.screenshot('dropped-recorded-decoded');
}
