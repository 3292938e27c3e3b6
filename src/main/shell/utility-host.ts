// A job in an Electron utility process: the app's way to give each engine and media job a process
// of its own (child_process.fork would need the RunAsNode fuse, which the packaged app has off).
// Memory running out ends the job's process; the app and the other jobs carry on.
import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import type { HostStop, JobHost, JobHostOptions } from '../jobs/job-host';
import type { FromWorker } from '../jobs/protocol';
import { jobProcessFlags } from '../jobs/process-host';

/** Exit codes a process ended by SIGKILL reports where the signal itself is not passed on. */
const KILLED_CODES = new Set([9, 137]);

export function startUtilityHost(entry: URL, options: JobHostOptions): JobHost {
  const child = utilityProcess.fork(fileURLToPath(entry), [], {
    execArgv: jobProcessFlags(entry, options),
    serviceName: 'Timbrefold job',
    stdio: 'inherit',
  });
  return {
    get id() {
      return child.pid ?? -1;
    },
    post: (message) => child.postMessage(message),
    onMessage(listener: (message: FromWorker) => void) {
      child.on('message', listener);
      return () => child.off('message', listener);
    },
    onStop(listener: (stop: HostStop) => void) {
      // V8's fatal errors in a job process are, in practice, a heap that ran out.
      const failed = (_type: 'FatalError', location: string): void =>
        listener(
          /heap|memory/i.test(location)
            ? { kind: 'out-of-memory' }
            : { kind: 'error', error: new Error(`fatal error at ${location}`) },
        );
      const exited = (code: number): void =>
        listener(
          KILLED_CODES.has(code) ? { kind: 'killed', signal: 'SIGKILL' } : { kind: 'exited', code },
        );
      child.on('error', failed);
      child.on('exit', exited);
      return () => {
        child.off('error', failed);
        child.off('exit', exited);
      };
    },
    terminate: () => void child.kill(),
    // Utility processes never keep the app alive: its windows do.
    keepAlive: () => undefined,
  };
}
