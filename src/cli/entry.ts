// Process entry for `fgc`: runs the CLI with the process arguments and sets the exit code.
import { runCli } from './main.js';

// `fgc run | head` closes the pipe early: that is the reader's choice, not a crash. The rest of the console
// output is dropped, and the command goes on (a run still writes its reports and sets its exit code).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
