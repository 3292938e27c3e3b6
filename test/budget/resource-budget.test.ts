// Issue 10, items 3 and 8: settings whose memory explodes (hop 1, 200 styles, a clip moved to
// 86,400 s and its export, a 2 GiB socket message) passed every check and exhausted memory. Each
// is now refused from its settings, before the large allocation, with a message that names the
// setting, what it makes and the most that fits.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { TrackState } from '../../src/shared/ipc-project';
import { memoryBudgetBytes, ResourceLimitError } from '../../src/main/app/resource-budget';
import { exportStems } from '../../src/main/media/stem-export';
import { emptyDocument } from '../../src/main/project/document';
import { applyEdit, addTracks } from '../../src/main/project/edits';
import { checkClipMemory, checkWindowMemory } from '../../src/main/methods/memory-estimate';
import { resolveSettings } from '../../src/main/methods/resolve-settings';
import { shallowMethod } from '../../src/main/methods/shallow/shallow-method';
import { runTransfer } from '../../src/main/transfer/run-transfer';
import { runCli } from '../cli/run-cli';
import { request as cnnRequest } from '../cnn/transfer-fixture';
import { corpusFile } from '../fixtures/paths';
import { chunk, fmtChunk, riffFile } from '../audio/wav-builder';

const dir = mkdtempSync(join(tmpdir(), 'timbrefold-budget-'));
const content = corpusFile('drums_groove_120bpm.wav');
const style = corpusFile('flute_acoustic_073-060-127.wav');
const GB = 2 ** 30;
const refused = (setting: string, message: RegExp) => (error: unknown) => {
  assert.ok(error instanceof ResourceLimitError, String(error));
  assert.equal(error.parameter, setting);
  assert.match(error.message, message);
  return true;
};

describe('the memory budget', () => {
  test('is half the memory, at most the 4 GiB a WebAssembly heap can hold, or as set', () => {
    assert.equal(memoryBudgetBytes(8 * GB, {}), 4 * GB);
    assert.equal(memoryBudgetBytes(4 * GB, {}), 2 * GB);
    assert.equal(memoryBudgetBytes(64 * GB, {}), 4 * GB);
    assert.equal(memoryBudgetBytes(64 * GB, { TIMBREFOLD_MEMORY_BUDGET_MB: '512' }), 512 * 2 ** 20);
  });

  test('hop 1 on a corpus clip is refused at once, before anything is built or read', async () => {
    const before = process.memoryUsage().rss;
    const output = join(dir, 'hop1.wav');
    await assert.rejects(
      runTransfer({
        method: 'shallow',
        settings: { hop: 1 },
        content,
        styles: [{ path: style, weight: 1 }],
        output,
        backend: 'cpu',
      }),
      refused(
        'hop',
        /^hop 1 at 16000 Hz makes 64,001 frames, the whole clip in one window \(about \d+\.\d GB\); at most [\d,]+ fit in the \d+\.\d GB memory budget: raise hop or shorten the clip\.$/,
      ),
    );
    // The old code went on to a 220,500-frame STFT and a 4,096-filter network: gigabytes.
    assert.ok(process.memoryUsage().rss - before < 200 * 2 ** 20, 'nothing large was allocated');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('hop1')),
      [],
    );
  });

  test('every preset fits with a corpus clip and 20 styles', () => {
    for (const preset of shallowMethod.presets) {
      for (const network of ['finite', 'kernel'] as const) {
        const settings = { ...resolveSettings(shallowMethod, preset.name, {}), network };
        const clip = { frames: 64000, sampleRate: 16000, channels: 1 };
        const analysis = {
          // 0: the content's own rate.
          sampleRate: settings.analysisRate || clip.sampleRate,
          nFft: settings.nFft,
          hop: settings.hop,
        };
        const bytes = checkWindowMemory(shallowMethod, settings, analysis, {
          styles: 20,
          streams: 2,
        });
        assert.ok(bytes > 100e6, `${preset.name} ${network}: ${bytes} bytes is not an estimate`);
        checkClipMemory(settings, analysis, clip, Array(20).fill(clip), bytes);
      }
    }
  });

  test("the CNN's window is estimated from its model's layers; its fix is the window, not the model's hop", async () => {
    // The shipped model's layers at a 2 s window against a deliberately small budget.
    process.env['TIMBREFOLD_MEMORY_BUDGET_MB'] = '16';
    try {
      await assert.rejects(
        runTransfer(cnnRequest({ output: join(dir, 'cnn.wav'), settings: { windowSeconds: 2 } })),
        refused(
          'windowSeconds',
          /^hop \d+ at \d+ Hz with 2 s windows makes [\d,]+ frames per window \(about \d+ MB\); at most [\d,]+ fit in the 16 MB memory budget: shorten windowSeconds\.$/,
        ),
      );
    } finally {
      delete process.env['TIMBREFOLD_MEMORY_BUDGET_MB'];
    }
  });

  test('timbrefold transfer --hop 1 says so and exits with an error', async () => {
    const run = await runCli([
      'transfer',
      ...['--content', content, '--style', style, '--out', join(dir, 'cli-hop1.wav')],
      ...['--hop', '1', '--window-seconds', '2'],
    ]);
    assert.notEqual(run.code, 0);
    assert.match(
      run.stderr,
      /timbrefold: hop 1 at 16000 Hz with 2 s windows makes 32,000 frames per window/,
    );
    assert.match(run.stderr, /raise hop, or shorten windowSeconds/);
  });

  test('200 style clips are refused after their headers are read, before any is analysed', async () => {
    const corpus = readdirSync(join(content, '..')).filter((f) => f.endsWith('.wav'));
    const styles = Array.from({ length: 200 }, (_, i) => ({
      path: corpusFile(corpus[i % corpus.length]!),
      weight: 1,
    }));
    const before = process.memoryUsage().rss;
    await assert.rejects(
      runTransfer({
        method: 'shallow',
        settings: {},
        content,
        styles,
        output: join(dir, 's.wav'),
        backend: 'cpu',
      }),
      refused(
        'styles',
        /^200 style clips make 200 style clips \(about \d\.\d GB\); at most \d+ fit in the .* memory budget: use fewer or shorter style clips, or raise hop\.$/,
      ),
    );
    // Measured: 4.1 GB when they were analysed.
    assert.ok(process.memoryUsage().rss - before < 400 * 2 ** 20, 'nothing large was allocated');
  });

  test('style clips that do not fit are refused on their headers, before any is decoded', async () => {
    // 60 s of float samples whose last one is NaN: decoding it fails, so only a refusal made
    // from the headers alone can name the styles.
    const samples = new Float32Array(60 * 16000).map((_, i) => Math.sin(i / 10) * 0.1);
    samples[samples.length - 1] = NaN;
    const damaged = join(dir, 'long-damaged.wav');
    writeFileSync(
      damaged,
      riffFile([
        fmtChunk({ tag: 3, channels: 1, sampleRate: 16000, bits: 32 }),
        chunk('data', new Uint8Array(samples.buffer)),
      ]),
    );
    await assert.rejects(
      runTransfer({
        method: 'shallow',
        settings: {},
        content,
        styles: Array.from({ length: 100 }, () => ({ path: damaged, weight: 1 })),
        output: join(dir, 'damaged.wav'),
        backend: 'cpu',
      }),
      refused('styles', /^100 style clips make 100 style clips \(about \d+\.\d GB\)/),
    );
    // One of them alone fits, and is decoded: then the damage is what is reported.
    await assert.rejects(
      runTransfer({
        method: 'shallow',
        settings: {},
        content,
        styles: [{ path: damaged, weight: 1 }],
        output: join(dir, 'damaged.wav'),
        backend: 'cpu',
      }),
      /not finite numbers/,
    );
  });

  test('timbrefold transfer with 200 --style files refuses them with the same message', async () => {
    const corpus = readdirSync(join(content, '..')).filter((f) => f.endsWith('.wav'));
    const styles = Array.from({ length: 200 }, (_, i) => [
      '--style',
      corpusFile(corpus[i % corpus.length]!),
    ]).flat();
    const run = await runCli([
      'transfer',
      ...['--content', content, ...styles, '--out', join(dir, 'cli-200.wav')],
    ]);
    assert.notEqual(run.code, 0);
    assert.match(
      run.stderr,
      /timbrefold: 200 style clips make 200 style clips \(about \d\.\d GB\); at most \d+ fit/,
    );
  });

  test('a clip moved to 86,400 s is refused; the document is unchanged', () => {
    const track: TrackState = {
      id: 'drums',
      name: 'Drums',
      role: 'content',
      clip: {
        id: 'c1',
        file: 'audio/drums.wav',
        sourceName: 'drums.wav',
        sampleRate: 48000,
        channels: 2,
        frames: 48000 * 4,
        duration: 4,
        start: 0,
        loudnessLufs: -20,
        peakDb: -1,
      },
      mute: false,
      solo: false,
      gainDb: 0,
      recipe: null,
    };
    const { document } = addTracks(emptyDocument('Song'), [track], 'Add Drums');
    assert.throws(
      () => applyEdit(document, { type: 'move-clip', trackId: 'drums', start: 86_400 }),
      refused(
        'start',
        /^placing Drums at 86400 s makes a stem of 86,404 seconds \(about 30\.9 GB\); at most [\d,]+ fit in the .* memory budget: place the clip earlier\.$/,
      ),
    );
    // A move within the budget still works.
    const moved = applyEdit(document, { type: 'move-clip', trackId: 'drums', start: 600 });
    assert.equal(moved.document.tracks[0]!.clip.start, 600);
  });

  test("an export whose stem would not fit (an old project's clip at 86,400 s) writes nothing", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'timbrefold-budget-export-'));
    await assert.rejects(
      exportStems({
        stems: [
          { trackId: 't', name: 'Drums', role: 'content', path: content, start: 86_400, gainDb: 0 },
        ],
        folder,
        sampleFormat: 'pcm24',
        sampleRate: 48000,
        padToCommonLength: false,
        namingPattern: '{track}',
        projectName: 'Song',
        protect: [],
      }),
      refused('start', /^exporting Drums \(starting at 86400 s\) makes 86,404 seconds at 48000 Hz/),
    );
    assert.deepEqual(readdirSync(folder), []);
  });
});
