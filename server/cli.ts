#!/usr/bin/env node
/**
 * The `pier` command: `pier serve [options]`, `pier --help`, `pier --version`.
 */
import { ConfigError } from '../conf/config.js';
import { configHelp, loadConfig } from '../conf/load.js';
import { createLogger } from './log.js';
import { startServer } from './main.js';
import { PIER_VERSION } from './version.js';

const USAGE = `Pier ${PIER_VERSION}: a SQL lakehouse server speaking the PostgreSQL protocol over Delta Lake tables.

Usage:
  pier serve [options]     start the server
  pier --help              this text
  pier --version           print the version

${configHelp()}
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(USAGE);
    return cmd === undefined ? 1 : 0;
  }
  if (cmd === '--version' || cmd === '-V') {
    process.stdout.write(`${PIER_VERSION}\n`);
    return 0;
  }
  if (cmd !== 'serve') {
    process.stderr.write(`pier: unknown command "${cmd}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let config;
  try {
    config = loadConfig({ argv: rest, env: process.env });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`pier: configuration error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);
  await new Promise<void>((resolveStop) => {
    const stop = (sig: string) => {
      log.info(`${sig} received, shutting down`);
      server.close().then(resolveStop, (err) => {
        log.error(`error while shutting down: ${String(err)}`);
        resolveStop();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`pier: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
