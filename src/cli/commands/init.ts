// `fgc init <url | target>`: discovers a site's inputs from its data and writes config/targets/<name>.yaml.
// Exit 0 when written, 2 for bad options or config, 3 when the server does not answer or refuses the credentials.
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { UsageError } from '../../common/errors.js';
import { parseRateLimit } from '../../http/rate-limit.js';
import { TargetUnreachable } from '../../runner/preflight.js';
import type { AuthFlags } from '../../init/auth-options.js';
import { type InitResult, runInit } from '../../init/index.js';

interface InitFlags extends Omit<AuthFlags, 'header'> {
  name?: string;
  header: string[];
  budget: string;
  rateLimit?: string;
  timeout?: string;
  replace?: boolean | string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export const initCommand: CliCommand = {
  register(program, done) {
    program
      .command('init')
      .description("Derive a site's inputs from the data on its server and write config/targets/<name>.yaml")
      .argument(
        '<target>',
        "the server's FHIR base URL, or an existing target (name or config file) to refresh",
      )
      .option('--name <name>', 'the config name and file name (default: from the URL host)')
      .option(
        '--auth <type>',
        'none, bearer, basic, client-credentials or smart-backend (as auth.type in a config)',
      )
      .option('--token <ref>', "bearer token, as '${env.NAME}'")
      .option('--username <name>', 'basic auth user name')
      .option('--password <ref>', "basic auth password, as '${env.NAME}'")
      .option('--token-url <url>', 'OAuth 2.0 token endpoint')
      .option('--client-id <id>', 'OAuth 2.0 client id')
      .option('--client-secret <ref>', "client secret, as '${env.NAME}'")
      .option('--client-auth <how>', 'basic or form: how the client secret is sent')
      .option('--scope <scope>', 'OAuth 2.0 scope')
      .option('--private-key <file>', "SMART Backend Services key file, or '${env.NAME}'")
      .option('--key-id <kid>', "SMART Backend Services JWT 'kid'")
      .option('--alg <alg>', 'RS384 (default) or ES384')
      .option(
        '--header <header>',
        "extra header 'Name: value' (repeatable; credentials as '${env.NAME}')",
        collect,
        [],
      )
      .option('--budget <n>', 'send at most n requests', '300')
      .option('--rate-limit <n/s>', 'at most n requests a second, e.g. 5/s')
      .option('--timeout <ms>', 'per-request timeout in milliseconds (default 30000)')
      .option('--replace [inputs...]', 'also derive again values written by hand (all, or the inputs named)')
      .action(async (target: string, flags: InitFlags) => {
        try {
          const result = await runInit({
            cwd: process.cwd(),
            target,
            ...(flags.name ? { name: flags.name } : {}),
            authFlags: flags,
            budget: wholeNumber(flags.budget, '--budget', 10),
            ...(flags.rateLimit ? { rateLimitPerSecond: parseRateLimit(flags.rateLimit) } : {}),
            ...(flags.timeout ? { timeoutMs: wholeNumber(flags.timeout, '--timeout', 1) } : {}),
            replace: flags.replace ?? false,
            env: process.env,
            log: (line) => console.error(line),
          });
          console.log(summary(result));
          done(ExitCode.Ok);
        } catch (err) {
          if (!(err instanceof TargetUnreachable)) throw err;
          console.error(`fgc: ${err.message}`);
          console.error('Nothing was written. Check the base URL, the network and the credentials.');
          done(ExitCode.Unreachable);
        }
      });
  },
};

function wholeNumber(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number of ${min} or more, not "${text}"`);
  return n;
}

function summary(result: InitResult): string {
  const agreeing = result.operations.filter((o) => o.outcome === 'agrees').length;
  const other = result.operations.filter((o) => o.outcome !== 'agrees');
  const name = result.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
  return [
    `Wrote ${result.file} (${result.requests} requests): ${result.derived.length} input(s) derived, ` +
      `${result.keptByHand.length} kept as written, ${result.missing.length} not derived.`,
    result.operations.length === 0
      ? 'Operations: none called (none is claimed or declared, and none answers at its default $<name> path)'
      : `Operations: ${agreeing} of ${result.operations.length} answered as the data says` +
        (other.length ? `; ${other.map((o) => `$${o.operation} ${o.outcome}: ${o.detail}`).join('; ')}` : ''),
    ...(result.missing.length
      ? [
          'Not derived (each would unlock scenarios; the config lists why):',
          ...result.missing.map(
            (m) => `  ${m.input}: ${m.scenarios} scenario(s), ${m.requirements} requirement(s)`,
          ),
        ]
      : []),
    `Next: fgc run --target ${name}`,
  ].join('\n');
}
