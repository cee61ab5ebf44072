#!/usr/bin/env node
// `cors-harness <command> [options]`: the installable front of the npm scripts (certify, matrix,
// fixtures, setup-browsers, browser-server), same entry points and option tables. Plain JavaScript,
// so `--help` is printed from dist/commands.json (written from the tables by `npm run build`,
// which `npm pack` runs) without loading TypeScript; a command itself runs its TypeScript entry
// point through tsx, a dependency of the package.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(ROOT, 'dist', 'commands.json');
const [name, ...args] = process.argv.slice(2);

/** The subcommand table: built, or (a clone that never ran `npm run build`) from its TypeScript. */
async function subcommands() {
  if (existsSync(BUILT)) return JSON.parse(readFileSync(BUILT, 'utf8'));
  const { SUBCOMMANDS } = await importTs('harness/cli/commands.ts');
  return SUBCOMMANDS;
}

async function importTs(path) {
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(ROOT, path)).href);
}

/** Built help, unless an option table changed after the build (a clone being edited): the tables' hash is kept with it. */
function builtHelp(command) {
  if (!command.help) return undefined;
  return tablesHash(command.tables) === command.tablesHash ? command.help : undefined;
}

/** Also computed by harness/cli/build.ts. */
function tablesHash(tables) {
  const hash = createHash('sha256');
  for (const t of tables) hash.update(existsSync(join(ROOT, t)) ? readFileSync(join(ROOT, t)) : '');
  return hash.digest('hex');
}

function overview(commands) {
  const width = Math.max(...Object.keys(commands).map((n) => n.length)) + 2;
  return `Usage: cors-harness <command> [options]

Real Chromium, Firefox and WebKit against IIIF servers and a deliberately misconfigured fixture
server: what each engine did, what the Fetch standard says, what the server received.

Commands:
${Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}${c.about}`).join('\n')}

Run \`cors-harness <command> --help\` for a command's options.
`;
}

async function main() {
  const commands = await subcommands();
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview(commands));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`cors-harness: unknown command "${name}"; one of: ${Object.keys(commands).join(', ')}\nRun cors-harness --help for what each does.\n`);
    return 2;
  }
  const own = args.indexOf('--') === -1 ? args : args.slice(0, args.indexOf('--'));
  const help = (own.includes('--help') || own.includes('-h')) && builtHelp(command);
  if (help) {
    process.stdout.write(help);
    return 0;
  }
  // The entry point runs as if started directly: its argv, and the usage lines name this command.
  process.env.CORS_HARNESS_BIN = '1';
  const entry = join(ROOT, command.entry);
  process.argv = [process.argv[0], entry, ...args];
  await importTs(command.entry);
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`cors-harness: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
