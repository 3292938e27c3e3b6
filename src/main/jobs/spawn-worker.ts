import { Worker, type ResourceLimits } from 'node:worker_threads';

// A TypeScript entry (the CLI and tests run from source through tsx) needs tsx's loader inside the
// worker; on Node 20 `execArgv: ['--import', 'tsx']` does not reach the worker's own entry, so a
// two-line bootstrap registers it first. A built .js entry (the packaged app) starts directly.
export function spawnWorker(entry: URL, resourceLimits?: ResourceLimits): Worker {
  const options = resourceLimits ? { resourceLimits } : {};
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, ...options });
}
