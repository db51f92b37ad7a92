// Process entry for `fgc`: runs the CLI with the process arguments and sets the exit code.
import { runCli } from './main.js';

// `fgc list | head` closes the pipe early: that is the reader's choice, not a crash to print a stack for.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv);
