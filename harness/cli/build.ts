// `npm run build` (run by `npm pack` through prepack): writes dist/commands.json, the subcommand list
// and each subcommand's --help text as `cors-harness <name>` shows it, generated from the option
// tables. The bin prints help from it without loading TypeScript, so `--help` starts at once.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN_ENV, type CommandSpec, type OptionSpec, helpText } from './command.ts';
import { SUBCOMMANDS } from './commands.ts';
import { PROJECT_ROOT } from './playwright.ts';

process.env[BIN_ENV] = '1';
const commands: Record<string, { entry: string; tables: string[]; tablesHash: string; about: string; help: string }> = {};
/** What the bin compares to know the help is current (bin/cors-harness.js tablesHash). */
function tablesHash(tables: string[]): string {
  const hash = createHash('sha256');
  for (const t of tables) hash.update(existsSync(join(PROJECT_ROOT, t)) ? readFileSync(join(PROJECT_ROOT, t)) : '');
  return hash.digest('hex');
}
for (const [name, { entry, table, about }] of Object.entries(SUBCOMMANDS)) {
  const { COMMAND } = (await import(pathToFileURL(join(PROJECT_ROOT, table)).href)) as { COMMAND: CommandSpec<Record<string, OptionSpec>> };
  const tables = [table, 'harness/cli/command.ts'];
  commands[name] = { entry, tables, tablesHash: tablesHash(tables), about, help: helpText(COMMAND) };
}
mkdirSync(join(PROJECT_ROOT, 'dist'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, 'dist', 'commands.json'), `${JSON.stringify(commands, null, 1)}\n`);
process.stdout.write(`build: dist/commands.json (${Object.keys(commands).join(', ')})\n`);
