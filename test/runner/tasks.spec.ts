// The run's task list: tasks set up in order and tear down in reverse, also when a later task fails.
import { expect } from 'chai';
import { RUN_TASKS } from '../../src/runner/run.js';
import { runTasks, type Task } from '../../src/runner/tasks.js';

describe('runner/tasks', () => {
  const task = (name: string, log: string[], fail = false): Task<unknown> => ({
    title: name,
    setup() {
      if (fail) throw new Error(`${name} failed`);
      log.push(`setup ${name}`);
    },
    teardown() {
      log.push(`teardown ${name}`);
    },
  });

  it('sets up in order and tears down in reverse', async () => {
    const log: string[] = [];
    await runTasks([task('a', log), task('b', log)], {});
    expect(log).to.deep.equal(['setup a', 'setup b', 'teardown b', 'teardown a']);
  });

  it('tears down what was set up when a later task fails, and rethrows', async () => {
    const log: string[] = [];
    const run = runTasks([task('server', log), task('preflight', log, true), task('never', log)], {});
    await run.then(
      () => expect.fail('runTasks should rethrow'),
      (err: Error) => expect(err.message).to.equal('preflight failed'),
    );
    expect(log).to.deep.equal(['setup server', 'teardown server']);
  });

  it('a run is its tasks, each with a title', () => {
    expect(RUN_TASKS.map((t) => t.title)).to.have.length(10);
    for (const t of RUN_TASKS) expect(t.title).to.match(/^[a-z]/);
  });
});
