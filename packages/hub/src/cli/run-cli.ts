import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from '../shared/config.js';
import { AppError } from '../shared/errors.js';
import { accountCommand, accountDeactivateCommand } from './account.command.js';
import { copyDatabaseCommand } from './copy-database.command.js';
import { exportCommand } from './export.command.js';
import { importCommand } from './import.command.js';
import { migrateCommand, migrationCreateCommand } from './migrate.command.js';
import { organisationSiretCommand } from './organisation.command.js';
import { schemaCommand } from './schema.command.js';
import { seedCommand } from './seed.command.js';
import { serveCommand } from './serve.command.js';
import { webhookSubscribeCommand } from './webhook.command.js';

const USAGE = `Usage: pnpm hub <command>

  migrate                       apply the committed database migrations
  migration create <what>       (developers) write the SQLite and PostgreSQL migrations for entity changes
  seed [--demo]                 load the territory and purchasing families; --demo adds demo staff and notices
  serve                         start the API (GraphiQL at /graphql in a browser, /healthz)
  account create --email E --name N --organisation SIREN --role ADMIN|BUYER|VIEWER|TRAINER
                                create a staff account and print its generated password once
  account deactivate --email E  close an account: no more sign-in, its tokens stop working
  organisation siret --organisation SLUG|SIREN [--set SIRET | --clear]
                                print, set or remove the SIRET an organisation buys as (DECP names buyers by it)
  import FILE…                  import BOAMP and TED notices (XML), DECP JSON (v2, v1.5), DECP CSV and OCDS
                                release or record packages (told from the file's content), one transaction
                                per file; a bad record fails its file, naming the record
  export decp|ocds|csv --out FILE [--uri URI]
                                write the DECP v2 JSON, the OCDS 1.1.5 release package or the lots CSV
  schema [--out FILE | --check FILE]
                                print, write or check the GraphQL schema (SDL)
  webhook subscribe --url URL --secret whsec_... [--events TYPE,TYPE]
                                create or update the webhook endpoint of URL with this secret (all events by default)
  copy-database --to postgresql://user:password@host:5432/database
                                copy every row of DATABASE_URL into an empty database (migrated first), counts checked

Environment: DATABASE_URL (sqlite:./data/hub.sqlite, or postgresql://user:password@host:5432/database), HOST (127.0.0.1), PORT (4000), NODE_ENV, LOG_LEVEL,
ADAPTED_PROCEDURE_MIN_DAYS (20), TOKEN_TTL_HOURS (12), WEBHOOK_POLL_MS (500), WEBHOOK_TIMEOUT_MS (10000),
CHARTER_POLICY (true: staff who have not signed the current ethics charter cannot publish or correct notices),
OCDS_PREFIX (ocds-xxxxxx-dracenie: prefix of the OCDS ocids, to replace by the registered one).`;

/** Runs one command; returns the exit code. Bad input prints a message and exits non-zero, never a stack. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'migrate':
        return await migrateCommand(parseConfig(env));
      case 'migration':
        if (rest[0] !== 'create') break;
        return await migrationCreateCommand(env, rest[1]);
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean', default: false } } });
        return await seedCommand(parseConfig(env), { demo: values.demo ?? false });
      }
      case 'serve':
        return await serveCommand(parseConfig(env));
      case 'account': {
        if (rest[0] === 'deactivate') {
          const { values } = parseArgs({ args: rest.slice(1), options: { email: { type: 'string' } } });
          return await accountDeactivateCommand(parseConfig(env), values);
        }
        if (rest[0] !== 'create') break;
        const { values } = parseArgs({
          args: rest.slice(1),
          options: {
            email: { type: 'string' },
            name: { type: 'string' },
            organisation: { type: 'string' },
            role: { type: 'string' },
          },
        });
        return await accountCommand(parseConfig(env), values);
      }
      case 'organisation': {
        if (rest[0] !== 'siret') break;
        const { values } = parseArgs({
          args: rest.slice(1),
          options: { organisation: { type: 'string' }, set: { type: 'string' }, clear: { type: 'boolean' } },
        });
        return await organisationSiretCommand(parseConfig(env), values);
      }
      case 'import':
        return await importCommand(parseConfig(env), rest);
      case 'export': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { out: { type: 'string' }, uri: { type: 'string' } },
        });
        return await exportCommand(parseConfig(env), positionals[0], values);
      }
      case 'schema': {
        const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, check: { type: 'string' } } });
        return await schemaCommand(values);
      }
      case 'copy-database': {
        const { values } = parseArgs({ args: rest, options: { to: { type: 'string' } } });
        return await copyDatabaseCommand(parseConfig(env), env, values.to);
      }
      case 'webhook': {
        if (rest[0] !== 'subscribe') break;
        const { values } = parseArgs({
          args: rest.slice(1),
          options: { url: { type: 'string' }, secret: { type: 'string' }, events: { type: 'string' } },
        });
        return await webhookSubscribeCommand(parseConfig(env), values);
      }
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return command ? 0 : 2;
    }
    console.error(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78; // EX_CONFIG
    }
    if (error instanceof AppError) {
      console.error(`${error.code}: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
