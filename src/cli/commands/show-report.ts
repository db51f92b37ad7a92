// `fgc show-report [folder]`: serves a reports folder on 127.0.0.1 until Ctrl-C and prints its URL (the
// multi-file Allure report does not open from file://). `fgc report --open` does the same after building.
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { displayPath } from '../../common/display-path.js';
import { parsePort, showReports } from '../report-server.js';

export const showReportCommand: CliCommand = {
  register(program, done) {
    program
      .command('show-report')
      .description('Serve a reports folder on 127.0.0.1 and print its URL (Ctrl-C stops it)')
      .argument('[folder]', 'the reports folder', 'reports')
      .option('--port <n>', 'port to listen on (default: a free one)')
      .action(async (folder: string, options: { port?: string }) => {
        await showReports(folder, parsePort(options.port), displayPath(process.cwd()));
        done(ExitCode.Ok);
      });
  },
};
