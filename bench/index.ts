// `npm run bench [-- room ...]`: runs each room's benchmark and prints one JSON document of figures.
// Figures, never pass/fail: targets are compared in the issue notes.
import { cpus, totalmem } from 'node:os';

const rooms = [
  'audio',
  'dsp',
  'engine',
  'kernel',
  'transfer',
  'training',
  'evaluation',
  'generator',
  'keep-pitch',
  'cyclegan',
] as const;

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const selected = rooms.filter((room) => wanted.length === 0 || wanted.includes(room));
  const report: Record<string, unknown> = {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
  };
  for (const room of selected) {
    const started = performance.now();
    const module = (await import(`./${room}.ts`)) as { run(): Promise<Record<string, unknown>> };
    report[room] = { ...(await module.run()), benchSeconds: (performance.now() - started) / 1000 };
    process.stderr.write(
      `bench: ${room} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
