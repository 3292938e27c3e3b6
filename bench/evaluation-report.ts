// Seed 000's protocol at small scale on the corpus (issue 12, item 7): flute and keyboard sources,
// guitar as the dummy class, and as generated classes each keyboard note rendered with a flute's
// timbre by every method that needs no model trained first (shallow, and cnn through the shipped
// Verma & Smith demo; fast needs a generator trained for the style, so it joins once one is
// shipped). Table 1: the generated clips counted by the source classifier; table 2: a 4-class
// distinctness check per method; table 3: all classes in one; figure 3: a t-SNE of the source
// classifier's pool5 features. Writes docs/evaluation.md and docs/evaluation-tsne.png.
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clusterPicture } from '../src/main/cli/evaluate-tsne';
import { countClasses, type ClassCounts } from '../src/main/evaluation/class-counts';
import { clusterClips } from '../src/main/evaluation/cluster-features';
import { evaluateDistinctness, type DistinctnessReport } from '../src/main/evaluation/distinctness';
import { writeFileAtomic } from '../src/main/fs/atomic-write';
import { shippedModelsFolder } from '../src/main/models/locations';
import { classifyFiles } from '../src/main/training/classify-job';
import { runTransfer } from '../src/main/transfer/run-transfer';

const corpus = resolve(process.env.TIMBREFOLD_SHARED ?? '../shared', 'corpus');
const STYLE = 'flute_acoustic_073-072-100.wav';
/** Small settings: minutes on two shared cores, not the paper's hours on a GPU. */
const METHODS = {
  shallow: { method: 'shallow', settings: { iterations: 8, phaseIterations: 16, filters: 1024 } },
  cnn: {
    method: 'cnn',
    settings: { iterations: 8, phaseIterations: 16 },
    model: 'demo-verma-smith',
  },
} as const;
const TRAINING = { width: 1 / 8, epochs: 8, learningRate: 2e-3, seed: 1 } as const;

/** The paper's numbers (seed 000, tables 2 and 3, NSynth, VGG-19, 8000 clips a class). */
const PAPER = {
  table1: '1000 of 1000 faster fixed style transfer clips classed flute; cycleGAN 998/2 and 992/8',
  table2:
    'faster fixed style transfer: overall 0.9947, recall flute 0.995, keyboard 0.996, guitar 0.988, mixture 1.000',
  table3:
    'recall flute 0.914, keyboard 0.944, guitar 0.981, the three generated classes 0.996 to 1.000',
};

const familyFiles = (family: string): string[] =>
  readdirSync(corpus)
    .filter((f) => f.startsWith(`${family}_acoustic_`))
    .sort();

function folderOf(classes: Record<string, readonly string[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'timbrefold-reproduction-'));
  for (const [name, files] of Object.entries(classes)) {
    mkdirSync(join(root, name));
    for (const file of files) symlinkSync(file, join(root, name, file.split('/').at(-1)!));
  }
  return root;
}

const fixed = (v: number | null, digits = 3) => (v === null ? '-' : v.toFixed(digits));

function recallRow(label: string, report: DistinctnessReport, classes: readonly string[]): string {
  const recall = classes.map((c) =>
    fixed(report.classes.find((k) => k.name === c)?.recall ?? null),
  );
  return `| ${label} | ${fixed(report.accuracy)} | ${recall.join(' | ')} |`;
}

export async function reproduce(docsDir = resolve('docs')): Promise<Record<string, unknown>> {
  const started = performance.now();
  const sources = {
    flute: familyFiles('flute').map((f) => join(corpus, f)),
    keyboard: familyFiles('keyboard').map((f) => join(corpus, f)),
    guitar: familyFiles('guitar').map((f) => join(corpus, f)),
  };
  const generatedDir = mkdtempSync(join(tmpdir(), 'timbrefold-generated-'));
  const generated: Record<string, string[]> = {};
  const renderSeconds: Record<string, number> = {};
  for (const [name, spec] of Object.entries(METHODS)) {
    const t = performance.now();
    generated[name] = [];
    for (const content of sources.keyboard) {
      const output = join(generatedDir, `${name}-${content.split('/').at(-1)}`);
      await runTransfer({
        ...spec,
        settings: { ...spec.settings },
        shippedModelsDirs: [shippedModelsFolder()],
        content,
        styles: [{ path: join(corpus, STYLE), weight: 1 }],
        output,
        backend: 'wasm',
      });
      generated[name].push(output);
    }
    renderSeconds[name] = (performance.now() - t) / 1000;
  }

  // Table 1: the generated clips through the source classifier.
  const table1: Record<string, ClassCounts> = {};
  for (const [name, files] of Object.entries(generated))
    table1[name] = countClasses(
      await classifyFiles({
        model: 'demo-verma-smith',
        files,
        modelsDir: mkdtempSync(join(tmpdir(), 'timbrefold-models-')),
        shippedModelsDirs: [shippedModelsFolder()],
        backend: 'wasm',
      }),
    );

  // Table 2: flute, keyboard, guitar and one generated class; table 3: all of them.
  const table2: Record<string, DistinctnessReport> = {};
  for (const [name, files] of Object.entries(generated))
    table2[name] = await evaluateDistinctness({
      data: folderOf({ ...sources, [name]: files }),
      ...TRAINING,
      backend: 'wasm',
    });
  const all = folderOf({ ...sources, ...generated });
  const table3 = await evaluateDistinctness({ data: all, ...TRAINING, backend: 'wasm' });

  // Figure 3: the source classifier's pool5 features of every class.
  const map = await clusterClips({
    model: 'demo-verma-smith',
    modelsDir: mkdtempSync(join(tmpdir(), 'timbrefold-models-')),
    shippedModelsDirs: [shippedModelsFolder()],
    data: all,
    seed: 0,
    backend: 'wasm',
  });
  mkdirSync(docsDir, { recursive: true });
  await writeFileAtomic(join(docsDir, 'evaluation-tsne.png'), clusterPicture(map));

  const methods = Object.keys(generated);
  const lines = [
    "# Seed 000's evaluation, reproduced at small scale",
    '',
    `Written by \`npm run bench -- evaluation\` (bench/evaluation-report.ts) on ${new Date().toISOString().slice(0, 10)}, WebAssembly backend. `,
    "Sources: the corpus's six flute and six keyboard notes (16 kHz, 4 s); dummy class: its six guitar notes. ",
    `Generated classes: each keyboard note rendered with the timbre of ${STYLE} by each method that needs no model trained first `,
    `(${methods.map((m) => `\`${m}\`: ${JSON.stringify(METHODS[m as keyof typeof METHODS].settings)}`).join('; ')}). `,
    'The fast method needs a generator trained for this style and joins once one is shipped. ',
    `Classifiers: Verma & Smith at width ${TRAINING.width}, ${TRAINING.epochs} epochs at ${TRAINING.learningRate}, a third of each class's files held out (one split, seed ${TRAINING.seed}); `,
    'the source classifier is the shipped demo (flute vs keyboard). The paper used NSynth (8000 clips a class), VGG-19 and 7-fold cross-validation: ',
    'with 6 clips a class, each held-out recall below is over 2 files, so it moves in steps of 0.5.',
    '',
    '## Table 1: generated clips classed by the source classifier',
    '',
    '| method | flute | keyboard |',
    '| --- | --- | --- |',
    ...methods.map(
      (m) => `| ${m} | ${table1[m]!.counts.flute ?? 0} | ${table1[m]!.counts.keyboard ?? 0} |`,
    ),
    '',
    `Paper: ${PAPER.table1}.`,
    '',
    '## Table 2: four classes per method (held-out recall)',
    '',
    '| generated class | accuracy | flute | keyboard | guitar | generated |',
    '| --- | --- | --- | --- | --- | --- |',
    ...methods.map((m) => recallRow(m, table2[m]!, ['flute', 'keyboard', 'guitar', m])),
    '',
    `Paper: ${PAPER.table2}.`,
    '',
    '## Table 3: every class in one classifier (held-out recall)',
    '',
    `| accuracy | ${table3.classes.map((c) => c.name).join(' | ')} |`,
    `| --- | ${table3.classes.map(() => '---').join(' | ')} |`,
    `| ${fixed(table3.accuracy)} | ${table3.classes.map((c) => fixed(c.recall)).join(' | ')} |`,
    '',
    `Paper: ${PAPER.table3}.`,
    '',
    "## Figure 3: t-SNE of the source classifier's pool5 features",
    '',
    '![t-SNE of every class](evaluation-tsne.png)',
    '',
    "Each point is a clip; the features are the last pooling layer's channel means (what the classifier's head reads). The paper mapped its VGG-19's pool5 over NSynth clips.",
    '',
  ];
  await writeFileAtomic(join(docsDir, 'evaluation.md'), lines.join('\n'));
  return {
    renderSeconds,
    table1: Object.fromEntries(methods.map((m) => [m, table1[m]!.counts])),
    table2: Object.fromEntries(
      methods.map((m) => [
        m,
        {
          accuracy: table2[m]!.accuracy,
          recall: table2[m]!.classes.map((c) => [c.name, c.recall]),
        },
      ]),
    ),
    table3: { accuracy: table3.accuracy, recall: table3.classes.map((c) => [c.name, c.recall]) },
    written: [join(docsDir, 'evaluation.md'), join(docsDir, 'evaluation-tsne.png')],
    seconds: (performance.now() - started) / 1000,
  };
}
