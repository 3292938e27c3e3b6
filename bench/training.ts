// Trained-network benchmarks (issue 5): seconds per training epoch of each network on a fixed
// set of 200 clips, and seconds per transfer of a 4 s clip at each preset with the shipped
// models. The 200 clips are 1 s crops of the corpus's 24 instrument notes (4 families x 50),
// at seeded offsets and levels, written as 16 kHz WAVs, so every run trains on the same data.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav, readWav } from '../src/main/audio';
import { seededRandom } from '../src/main/dsp/random';
import { currentBackend } from '../src/main/engine/backend';
import { cnnPreset } from '../src/main/methods/cnn/parameters';
import { runTransfer } from '../src/main/transfer/run-transfer';
import { DEMO_MODELS } from '../src/main/models/shipped';
import { DEFAULT_WIDTH, trainClassifier } from '../src/main/training/train-classifier';
import { corpusFile } from '../test/fixtures/paths';
import { corpusManifest } from '../test/fixtures/corpus-manifest';

const FAMILIES = ['flute', 'guitar', 'keyboard', 'string'] as const;
const CLIPS_PER_FAMILY = 50;

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** 200 one-second clips in class folders: crops of the corpus notes at seeded offsets and gains. */
async function benchClips(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-bench-clips-'));
  const random = seededRandom(2024);
  const notes = corpusManifest().map((f) => f.file);
  for (const family of FAMILIES) {
    mkdirSync(join(root, family));
    const sources = await Promise.all(
      notes
        .filter((n) => n.startsWith(`${family}_acoustic_`))
        .map(async (n) => (await readWav(corpusFile(n))).audio),
    );
    for (let i = 0; i < CLIPS_PER_FAMILY; i++) {
      const source = sources[i % sources.length]!;
      const rate = source.sampleRate;
      const start = Math.floor(random.next() * 2.5 * rate);
      const gain = 10 ** ((-12 * random.next()) / 20);
      const samples = source.channels[0]!.slice(start, start + rate).map((s) => s * gain);
      const bytes = encodeWav(
        { sampleRate: rate, channels: [samples] },
        { sampleFormat: 'float32' },
      );
      writeFileSync(join(root, family, `${family}-${i}.wav`), bytes);
    }
  }
  return root;
}

async function epochSeconds(data: string, architecture: 'audio-vgg' | 'verma-smith') {
  const result = await trainClassifier({
    data,
    architecture,
    name: 'bench',
    modelsDir: mkdtempSync(join(tmpdir(), 'timbrefold-bench-models-')),
    epochs: 1,
    cropsPerClip: 1,
    holdOut: 0,
    validation: 0,
    backend: 'auto',
  });
  const epoch = result.history[0]!;
  return {
    width: DEFAULT_WIDTH[architecture],
    clips: result.manifest.trainingData.clips,
    batchSize: result.manifest.training.batchSize,
    secondsPerEpoch: round(epoch.seconds),
    clipsPerSecond: round(result.manifest.trainingData.clips / epoch.seconds, 1),
  };
}

async function transferSeconds(preset: 'audio-vgg' | 'verma-smith') {
  const output = join(mkdtempSync(join(tmpdir(), 'timbrefold-bench-transfer-')), 'result.wav');
  const started = performance.now();
  const result = await runTransfer({
    method: 'cnn',
    preset,
    model: DEMO_MODELS[preset],
    settings: {},
    content: corpusFile('flute_acoustic_073-072-100.wav'),
    styles: [{ path: corpusFile('keyboard_acoustic_000-069-127.wav'), weight: 1 }],
    output,
    backend: 'auto',
  });
  const w = result.wallSeconds;
  return {
    model: result.model?.name,
    iterations: result.iterations,
    phaseIterations: cnnPreset(preset).phaseIterations,
    seconds: round((performance.now() - started) / 1000),
    optimisationSeconds: round(w.optimisation),
    secondsPerIteration: round(w.optimisation / Math.max(1, result.iterations), 3),
    reconstructionSeconds: round(w.reconstruction),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const data = await benchClips();
  const training = {
    'verma-smith': await epochSeconds(data, 'verma-smith'),
    'audio-vgg': await epochSeconds(data, 'audio-vgg'),
  };
  const transfer4s = {
    'verma-smith': await transferSeconds('verma-smith'),
    'audio-vgg': await transferSeconds('audio-vgg'),
  };
  return { backend: currentBackend()?.backend ?? 'unknown', training, transfer4s };
}
