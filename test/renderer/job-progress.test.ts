// The running jobs' progress as the window title and the taskbar show it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JobSummary } from '../../src/shared/ipc-jobs';
import { activeProgress, jobFraction, windowTitle } from '../../src/shared/job-progress';

type Job = Pick<JobSummary, 'state' | 'phase' | 'iteration' | 'iterations'>;
const job = (
  state: Job['state'],
  iteration = 0,
  iterations = 12,
  phase: Job['phase'] = null,
): Job => ({
  state,
  phase,
  iteration,
  iterations,
});

describe('job progress', () => {
  test('a job counts its iterations; queued is 0, a one-pass method counts its phases', () => {
    assert.equal(jobFraction(job('queued')), 0);
    assert.equal(jobFraction(job('running', 6, 12, 'optimisation')), 0.5);
    assert.equal(jobFraction(job('running', 12, 12, 'reconstruction')), 0.99);
    assert.equal(jobFraction(job('running', 0, 0, 'reconstruction')), 0.9);
    assert.equal(jobFraction(job('finished', 12, 12)), 1);
  });

  test('the title shows the active jobs’ mean share, and nothing once none runs', () => {
    const jobs = [job('running', 6, 12, 'optimisation'), job('queued'), job('finished', 12)];
    assert.equal(activeProgress(jobs), 0.25);
    assert.equal(windowTitle('Song', activeProgress(jobs)), '25% · Timbrefold — Song');
    assert.equal(activeProgress([job('finished'), job('cancelled')]), null);
    assert.equal(windowTitle('Song', null), 'Timbrefold — Song');
    assert.equal(windowTitle('Song', 0.426), '42% · Timbrefold — Song');
  });
});
