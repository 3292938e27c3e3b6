import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../fixtures/paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `timbrefold` bin in a child process, as a user's shell would. */
export function runCli(args: string[], options: { cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'timbrefold.js'), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, TIMBREFOLD_DEBUG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
