// Measures what the golden thresholds rest on (not a test: run it by hand before choosing or
// changing a threshold, and after a refresh):
//
//   node --import tsx test/golden/measure.ts [repeats] [case-name-substring]
//
// For every case it renders `repeats` times on the default thread count and once on each of 1 and
// 4 wasm threads (TIMBREFOLD_WASM_THREADS), and prints each render's error against the first one
// (run-to-run variation) and against the stored reference; then it renders with the seed and the
// iteration count each raised by one and prints those errors (how far a meaningful change lands).
import { join } from 'node:path';
import { cnnCases, resynthCases, shallowCases } from './cases';
import {
  errorDb,
  readAudio,
  referencesDir,
  render,
  scratchDir,
  type Audio,
  type GoldenCase,
} from './golden';
import { existsSync } from 'node:fs';

const repeats = Number(process.argv[2] ?? 3);
const only = process.argv[3];
const dir = scratchDir('measure');
const cases = [...shallowCases(dir), ...cnnCases(), ...resynthCases(dir)].filter(
  (c) => only === undefined || c.name.includes(only),
);

function bump(golden: GoldenCase, flag: string): GoldenCase | undefined {
  const args = golden.args('OUT');
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  return {
    ...golden,
    args: (out) => golden.args(out).map((a, i) => (i === at + 1 ? String(Number(a) + 1) : a)),
  };
}

const fmt = (db: number): string =>
  db === -Infinity ? '-inf (bit-identical)' : `${db.toFixed(1)} dB`;

for (const golden of cases) {
  const referencePath = join(referencesDir, `${golden.name}.wav`);
  const reference: Audio | undefined = existsSync(referencePath)
    ? readAudio(referencePath)
    : undefined;
  const lines: string[] = [];
  const first = await render(golden, dir);
  const against = (audio: Audio): string =>
    `vs first ${fmt(errorDb(audio, first.audio))}` +
    (reference ? `, vs reference ${fmt(errorDb(audio, reference))}` : '');
  lines.push(
    `  run 1 (default threads): ${first.run.wallSeconds.toFixed(1)} s, ${against(first.audio)}`,
  );
  for (let i = 2; i <= repeats; i++) {
    const again = await render(golden, dir);
    lines.push(
      `  run ${i} (default threads): ${again.run.wallSeconds.toFixed(1)} s, ${against(again.audio)}`,
    );
  }
  for (const threads of ['1', '4']) {
    const r = await render(golden, dir, { TIMBREFOLD_WASM_THREADS: threads });
    lines.push(
      `  ${threads} wasm thread(s): ${r.run.wallSeconds.toFixed(1)} s, ${against(r.audio)}`,
    );
  }
  for (const flag of ['--seed', '--iterations', '--iters', '--phase-iterations']) {
    const changed = bump(golden, flag);
    if (!changed) continue;
    const r = await render(changed, dir);
    lines.push(`  ${flag} + 1: ${against(r.audio)}`);
  }
  console.log(`${golden.name}\n${lines.join('\n')}`);
}
