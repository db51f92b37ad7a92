// Process entry for `fgc`: runs the CLI with the process arguments and sets the exit code.
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv);
