#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { adminGrant, auditVerify } from './cli/admin.js';
import { writeConfigDocs } from './cli/config-docs.js';
import { electronBinary } from './cli/electron-runtime.js';
import { importPrices } from './cli/import-prices.js';
import { openInBrowser } from './cli/open-browser.js';
import { migrate } from './cli/migrate.js';
import { closeOnSignals } from './cli/signals.js';
import { appRoot, defaultRendererDir } from './engine/app-paths.js';
import { ConfigError, loadConfig } from './engine/config/load.js';
import { MigrationError } from './engine/db/migrations.js';
import { PriceFileError } from './engine/market/import/read-price-file.js';
import { listen } from './engine/listen.js';
import { StartupError } from './engine/startup-error.js';
import { integer } from './engine/config/parsers.js';

const USAGE = `Usage: optibid <command> [options]

Commands:
  start [--port N] [--browser] [--no-open]
                     the terminal: the desktop app, or browser mode where Electron is not
                     installed (--browser: browser mode even where it is), opened in the
                     system browser unless --no-open
  serve [--port N]   the local API only (headless), on 127.0.0.1
  migrate            apply pending migrations to the SQLite file and, with DATABASE_URL, PostgreSQL
  config-docs        rewrite .env.example and the README settings table from the settings table
  audit verify       check the audit log's hash chain; exit code 1 at the first broken row
  admin grant EMAIL  make an existing user a platform administrator
  import prices FILE --zone Z
                     load an hourly day-ahead price file into market_data as zone Z's prices
                     (source import; a price already stored for an hour is replaced), all or
                     nothing: every problem is listed with its line and nothing is written.
                     Formats, recognised by the header:
                       ENTSO-E     ",Price_DA,Load_DA,..."  timestamps M/D/YYYY H:MM in the
                                   zone's local time: the hour skipped in spring is left out,
                                   the autumn hour written once is its first occurrence
                       epftoolbox  "Date, Price, ..."  timestamps YYYY-MM-DD HH:MM:SS read as
                                   UTC hours (the dataset has 24 hours every day)
                     Fundamentals in MW are stored in kW (an ENTSO-E 0 means not published)
  help               this text

Settings come from environment variables (see README.md); --port overrides OPTIBID_PORT.`;

function portOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = integer(0, 65535).parse(value);
  if (!parsed.ok) throw new ConfigError([`--port: "${value}" ${parsed.problem}; expected an integer from 0 to 65535`]);
  return parsed.value;
}

async function startBrowserMode(port: number | undefined, open: boolean): Promise<void> {
  if (!existsSync(join(defaultRendererDir, 'index.html'))) {
    throw new StartupError(`The renderer is not built (${defaultRendererDir}); run npm run build, or npm start which builds first`);
  }
  const { engine, url } = await listen(loadConfig(process.env, { port, rendererDir: defaultRendererDir }));
  closeOnSignals(engine);
  console.log(`OptiBid Terminal (browser mode) is running at ${url}`);
  if (open && (await openInBrowser(url))) console.log('Opened in your browser.');
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { port: { type: 'string' }, zone: { type: 'string' }, browser: { type: 'boolean' }, 'no-open': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  const command = values.help ? 'help' : (positionals[0] ?? 'help');
  const port = portOption(values.port);

  switch (command) {
    case 'serve': {
      const { engine, url } = await listen(loadConfig(process.env, { port }));
      closeOnSignals(engine);
      console.log(`OptiBid Terminal API listening on ${url}`);
      return;
    }
    case 'start': {
      const electron = values.browser ? null : electronBinary();
      if (electron) {
        const child = spawn(electron, [appRoot], { stdio: 'inherit', env: process.env });
        child.on('exit', (code) => process.exit(code ?? 0));
        return;
      }
      if (!values.browser) console.log('Electron runtime is not installed here: running the terminal in browser mode instead.');
      await startBrowserMode(port, !values['no-open']);
      return;
    }
    case 'migrate':
      await migrate(loadConfig(process.env), (line) => console.log(line));
      return;
    case 'audit':
      if (positionals[1] !== 'verify') throw new ConfigError(['optibid audit: expected "optibid audit verify"']);
      if (!(await auditVerify(loadConfig(process.env), (line) => console.log(line)))) process.exitCode = 1;
      return;
    case 'admin':
      if (positionals[1] !== 'grant' || !positionals[2]) throw new ConfigError(['optibid admin: expected "optibid admin grant EMAIL"']);
      await adminGrant(loadConfig(process.env), positionals[2], (line) => console.log(line));
      return;
    case 'import':
      if (positionals[1] !== 'prices' || !positionals[2] || !values.zone) throw new ConfigError(['optibid import: expected "optibid import prices FILE --zone ZONE"']);
      await importPrices(loadConfig(process.env), positionals[2], values.zone, (line) => console.log(line));
      return;
    case 'config-docs':
      await writeConfigDocs(appRoot);
      console.log('wrote .env.example and the settings table of README.md');
      return;
    case 'help':
      console.log(USAGE);
      return;
    default:
      throw new ConfigError([`optibid: unknown command "${command}"; expected start, serve, migrate, audit, admin, import, config-docs or help`]);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(problem);
    process.exit(2);
  }
  const expected = error instanceof MigrationError || error instanceof StartupError || error instanceof PriceFileError;
  console.error(expected ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
