// `fgc serve`: runs the embedded reference genomics FHIR server until interrupted (Ctrl-C).
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { UsageError } from '../../common/errors.js';
import { loadReferenceServer } from '../../server/load.js';
import { parsePort, untilInterrupted } from '../report-server.js';

interface ServeOptions {
  port?: string;
  fault: string[];
  listFaults?: boolean;
  allowWrites?: boolean;
  serverIds?: boolean;
}

export const serveCommand: CliCommand = {
  register(program, done) {
    program
      .command('serve')
      .description(
        'Run the embedded reference genomics FHIR server (IG examples + synthetic cohort) on 127.0.0.1',
      )
      .option('--port <n>', 'port to listen on (default: an ephemeral port)')
      .option(
        '--fault <id>',
        'inject a documented non-conformance (repeatable; see --list-faults)',
        collect,
        [],
      )
      .option('--list-faults', 'list the fault ids and exit')
      .option('--allow-writes', 'accept create, update and delete (read-only by default)')
      .option(
        '--server-ids',
        'serve every resource under a server-assigned UUID, references rewritten (as most real servers do)',
      )
      .action(async (options: ServeOptions) => {
        // Loaded lazily: the server pulls in Medplum, which other commands do not need.
        const server = await loadReferenceServer();
        if (options.listFaults) {
          for (const f of server.listFaults())
            console.log(`${f.id}\n    ${f.description}\n    breaks: ${f.breaks.join(', ')}`);
          done(ExitCode.Ok);
          return;
        }
        const port = parsePort(options.port);
        let running;
        try {
          running = await server.startReferenceServer({
            port,
            faults: options.fault,
            allowWrites: options.allowWrites,
            serverIds: options.serverIds,
          });
        } catch (err) {
          if (err instanceof server.UnknownFaultError) throw new UsageError(err.message);
          throw err;
        }
        console.log(running.baseUrl);
        if (options.fault.length) console.error(`faults: ${options.fault.join(', ')}`);
        console.error(
          `fgc reference server${options.allowWrites ? '' : ' (read-only)'}; press Ctrl-C to stop`,
        );
        await untilInterrupted();
        await running.close();
        done(ExitCode.Ok);
      });
  },
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
