// Runs the commands the README and docs/ show, as specs/support/doc-commands.ts says: `run` rows for
// real (exit 0); every other row's program with --help, and each option the row uses must be in
// that help (an option renamed or dropped fails here); `remote` rows also through `bash -n`. An npm
// script's help comes from its option table in-process (the text --help prints, without a process
// per row); Playwright's from `playwright <command> --help`, once per command.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DOC_COMMANDS } from '../support/doc-commands.ts';
import { type CommandSpec, type OptionSpec, helpText } from '../../harness/cli/command.ts';
import { SUBCOMMANDS } from '../../harness/cli/commands.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
test.describe.configure({ mode: 'default', timeout: 120_000 });

/** Shell words (single and double quotes kept together), without leading VAR=value assignments. */
function words(command: string): string[] {
  const all = [...command.matchAll(/'[^']*'|"[^"]*"|\S+/g)].map((m) => m[0]);
  while (all.length && /^[A-Z_]+=/.test(all[0]!)) all.shift();
  return all;
}

const helps = new Map<string, string>();
/** The help text of a target: an option table (`table:<module>`) or a program's `--help` output. */
async function helpOf(help: string[]): Promise<string> {
  const key = help.join(' ');
  if (!helps.has(key)) {
    if (help[0] === 'table') {
      const { COMMAND } = (await import(join(ROOT, help[1]!))) as { COMMAND: CommandSpec<Record<string, OptionSpec>> };
      helps.set(key, helpText(COMMAND));
    } else {
      const run = spawnSync(help[0]!, help.slice(1), { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, `${key}: ${run.stderr}`).toBe(0);
      helps.set(key, run.stdout);
    }
  }
  return helps.get(key)!;
}

/** [where its help comes from, the options the command gives it] per part of the command. */
function helpTargets(command: string): { help: string[]; options: string[] }[] {
  const [program, ...rest] = words(command);
  const optionsOf = (args: string[]) => args.filter((a) => /^--?[a-z]/.test(a)).map((a) => a.split('=')[0]!);
  const playwright = (sub: string, args: string[]) => ({ help: [join(ROOT, 'node_modules/.bin/playwright'), sub, '--help'], options: optionsOf(args) });
  if (program === 'npx' && rest[0] === 'playwright') return [playwright(rest[1]!, rest.slice(2))];
  if (program === 'npx' && rest[0] === 'cors-harness') return [{ help: ['node', join(ROOT, 'bin/cors-harness.js'), ...rest.slice(1, 2), '--help'], options: optionsOf(rest.slice(2)) }];
  if (program === 'npm' && rest[0] === 'test') return [playwright('test', rest.slice(2))];
  if (program === 'npm' && rest[0] === 'run') {
    const script = scripts[rest[1]!];
    if (!script) throw new Error(`no npm script ${rest[1]}`);
    const entry = script.replace(/^tsx /, '');
    const table = Object.values(SUBCOMMANDS).find((c) => c.entry === entry)?.table;
    if (!table) throw new Error(`npm run ${rest[1]}: no option table in harness/cli/commands.ts`);
    const args = rest.slice(3); // after `npm run <script> --`
    const split = args.indexOf('--');
    const own = split === -1 ? args : args.slice(0, split);
    const targets = [{ help: ['table', table], options: optionsOf(own) }];
    if (split !== -1) targets.push(playwright('test', args.slice(split + 1)));
    return targets;
  }
  return []; // a program of another machine (WebKitWebDriver): syntax only
}

for (const [command, check] of Object.entries(DOC_COMMANDS)) {
  test(`${check.check}: ${command}`, async () => {
    if (check.check === 'run') {
      const [program, ...args] = words(command);
      const run = spawnSync(program === 'npx' ? 'npx' : program!, program === 'npx' ? ['--no-install', ...args] : args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      return;
    }
    if (check.check === 'remote') {
      const syntax = spawnSync('bash', ['-n', '-c', command], { encoding: 'utf8' });
      expect(syntax.status, syntax.stderr).toBe(0);
    }
    for (const { help, options } of helpTargets(command)) {
      const text = await helpOf(help);
      for (const option of options) expect(text, `${command}: ${option} in ${help.join(' ')}`).toMatch(new RegExp(`(^|[\\s,])${option}\\b`, 'm'));
    }
  });
}
