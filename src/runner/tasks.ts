// A run as a list of named tasks over one shared state, as Playwright's task runner does: each task sets
// up its part (and may fill in the state for later tasks); the tear-downs of the tasks that set up run in
// reverse order at the end, also when a later task failed.

export interface Task<State> {
  /** What it does, for a reader and for a stack trace. */
  readonly title: string;
  setup(state: State): Promise<void> | void;
  /** Undoes what setup made (a server, a client): runs only when setup finished. */
  teardown?(state: State): Promise<void> | void;
}

export async function runTasks<State>(tasks: readonly Task<State>[], state: State): Promise<void> {
  const setUp: Task<State>[] = [];
  try {
    for (const task of tasks) {
      await task.setup(state);
      setUp.push(task);
    }
  } finally {
    for (const task of setUp.reverse()) await task.teardown?.(state);
  }
}
