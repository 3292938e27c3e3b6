// The window loop every method shares: counting, previews, the join and clean-up, with a stand-in
// optimiser (the methods' own runs are tested end to end in run-transfer and cnn-transfer-pipeline).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TransferPreview } from '../../src/shared/transfer';
import { optimiseWindows, type OptimisationProgress } from '../../src/main/transfer/window-loop';
import { planWindows } from '../../src/main/transfer/windows';

const bins = 3;
const frames = 50;
const stream = (offset: number) => ({
  frames,
  bins,
  data: Float32Array.from({ length: frames * bins }, (_, i) => offset + Math.sin(i)),
});
const preview = (startFrame: number): TransferPreview => ({
  stream: 0,
  startFrame,
  frames: 1,
  bins: 1,
  logMagnitude: new Float32Array(1),
  sampleRate: 8000,
  hop: 128,
  audio: new Float32Array(1),
});

describe('optimiseWindows', () => {
  test('counts iterations over streams and windows, previews at 1 and every N, joins untouched windows exactly', async () => {
    const windows = planWindows(frames, 20, 5);
    assert.ok(windows.length > 1);
    const events: OptimisationProgress<number>[] = [];
    const disposed: number[] = [];
    const streams = [stream(0), stream(10)];
    const result = await optimiseWindows<number>({
      streams,
      windows,
      overlapFrames: 5,
      iterationsPerWindow: 4,
      previewEvery: 3,
      startedAt: performance.now(),
      noLosses: -1,
      progress: (event) => events.push(event),
      preview: async (_current, _stream, startFrame) => preview(startFrame),
      optimiserFor: async (s) => ({
        optimise: async (window, _startFrame, onIteration) => {
          for (let i = 1; i <= 4; i++)
            await onIteration({
              iteration: i,
              losses: 100 * s + i,
              current: () => window.data.slice(),
            });
          // Padded by two frames, as a method with a minimum length returns it.
          const padded = new Float32Array((window.frames + 2) * bins);
          padded.set(window.data);
          return { data: padded, finalLosses: 0 };
        },
        dispose: () => disposed.push(s),
      }),
    });
    const planned = 2 * windows.length * 4;
    assert.equal(result.iterations, planned);
    assert.deepEqual(
      events.map((e) => e.iteration),
      Array.from({ length: planned }, (_, i) => i + 1),
    );
    assert.ok(events.every((e) => e.iterations === planned));
    // Previews at each window's iteration 1 and 3.
    assert.equal(events.filter((e) => e.preview).length, 2 * windows.length * 2);
    assert.equal(result.finalLosses, 104);
    assert.deepEqual(disposed, [0, 1]);
    // Each window came back as it went in: the crossfaded join is the stream itself.
    for (const [s, joined] of result.joined.entries())
      for (let i = 0; i < joined.length; i++)
        assert.ok(Math.abs(joined[i]! - streams[s]!.data[i]!) < 1e-5, `stream ${s}, value ${i}`);
  });

  test("a window that runs no iterations reports its result's losses; a failure still disposes", async () => {
    const windows = planWindows(frames, frames, 0);
    const quiet = await optimiseWindows<number>({
      streams: [stream(0)],
      windows,
      overlapFrames: 0,
      iterationsPerWindow: 0,
      previewEvery: undefined,
      startedAt: performance.now(),
      noLosses: -1,
      progress: () => assert.fail('no iterations, no progress'),
      preview: () => assert.fail('no iterations, no preview'),
      optimiserFor: async () => ({
        optimise: async (window) => ({ data: window.data, finalLosses: 7 }),
        dispose: () => undefined,
      }),
    });
    assert.equal(quiet.finalLosses, 7);

    let disposed = false;
    await assert.rejects(
      optimiseWindows<number>({
        streams: [stream(0)],
        windows,
        overlapFrames: 0,
        iterationsPerWindow: 1,
        previewEvery: undefined,
        startedAt: performance.now(),
        noLosses: -1,
        progress: () => undefined,
        preview: () => assert.fail('no iterations, no preview'),
        optimiserFor: async () => ({
          optimise: async () => {
            throw new Error('cancelled');
          },
          dispose: () => {
            disposed = true;
          },
        }),
      }),
      /cancelled/,
    );
    assert.ok(disposed);
  });
});
