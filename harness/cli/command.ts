// One way for every command (npm run matrix, certify, fixtures, bench, setup:browsers) to read its
// arguments and print its help: an option table over node:util parseArgs. The table generates
// --help; a bad argument is a usage error that names its cause, points at --help and exits 2,
// never a stack trace.

import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** How the value is shown in help, e.g. `<n>` (string options; default `<value>`). */
  value?: string;
  short?: string;
  /** Repeatable: the values come back as an array. */
  multiple?: boolean;
  /** Used when the option is absent (shown in help); goes through `parse` like a given value. */
  default?: string;
  /** Also read from this environment variable (shown in help; the command reads it). */
  env?: string;
  /** Turns the raw string into the value the command uses; throws UsageError (see wholeNumber, oneOf). */
  parse?: (raw: string) => unknown;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The name errors start with, e.g. `certify`. */
  name: string;
  /** What follows "Usage: ", e.g. `npm run certify -- <url> [options]`. */
  usage: string;
  /** The paragraphs between the usage line and the options. */
  summary: string;
  options: O;
  /** Positional arguments: how many (default none), and how help names them. */
  positionals?: { min?: number; max?: number; name: string };
  /** Text after the options (engines, exit codes, details). */
  epilog?: string;
}

type One<S extends OptionSpec> = S['parse'] extends (raw: string) => infer T ? T : S['type'] extends 'boolean' ? boolean : string;
type ValueOf<S extends OptionSpec> = S['multiple'] extends true ? One<S>[] : One<S>;
/** Options with a default are always there; the others may be undefined. */
export type Values<O extends Record<string, OptionSpec>> = { [K in keyof O as O[K]['default'] extends string ? K : never]: ValueOf<O[K]> } & {
  [K in keyof O as O[K]['default'] extends string ? never : K]?: ValueOf<O[K]>;
};

export class UsageError extends Error {}

/** Declares a command; `const` keeps the table's literal types, so the parsed values are typed. */
export function defineCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };
const WIDTH = 100;

/** The environment variable the packaged command (`cors-harness <command>`) sets for the commands it runs. */
export const BIN_ENV = 'CORS_HARNESS_BIN';

/** The usage line as the user invoked it: `npm run certify -- <url>`, or `cors-harness certify <url>` under the packaged command. */
export function shownUsage(usage: string): string {
  if (!process.env[BIN_ENV]) return usage;
  return usage.replace(/(?<=^|\|\s+)npm run (\S+?)(?: --)?(?= |$)/g, (_, script: string) => `cors-harness ${script.replace(':', '-')}`);
}

/** The help text, generated from the table. */
export function helpText<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): string {
  const rows = Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
    const notes = [o.default !== undefined && `default ${o.default}`, o.multiple && 'repeatable', o.env && `env ${o.env}`].filter(Boolean);
    return { flag, text: `${o.description}${notes.length ? ` (${notes.join('; ')})` : ''}` };
  });
  const column = Math.min(Math.max(...rows.map((r) => r.flag.length)) + 4, 24);
  const lines = rows.flatMap(({ flag, text }) => {
    const wrapped = wrap(text, WIDTH - column);
    const first = `  ${flag}`;
    return first.length + 2 > column ? [first, ...wrapped.map((l) => ' '.repeat(column) + l)] : [first.padEnd(column) + wrapped[0], ...wrapped.slice(1).map((l) => ' '.repeat(column) + l)];
  });
  return `Usage: ${shownUsage(spec.usage)}\n\n${spec.summary.trim()}\n\nOptions:\n${lines.join('\n')}\n${spec.epilog ? `${spec.epilog.replace(/\s+$/, '')}\n` : ''}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Reads argv against the table: the values (parsed), the positionals, or `help`; throws UsageError. */
export function parseCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv: string[]): 'help' | { values: Values<O>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }), ...(o.default !== undefined && { default: o.default }) },
    ]),
  );
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--x'. To specify a positional argument starting with a '-'…".
    throw new UsageError((error as Error).message.split('. ')[0]!.replace(/\.$/, ''));
  }
  if (parsed.values.help) return 'help';
  const { min = 0, max = 0, name = '' } = spec.positionals ?? {};
  const count = parsed.positionals.length;
  if (count < min) throw new UsageError(`missing ${name}`);
  if (count > max) throw new UsageError(max === 0 ? `unexpected argument "${parsed.positionals[0]}"` : `too many arguments: ${name} takes at most ${max}`);
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(parsed.values)) {
    const parse = spec.options[name]?.parse;
    if (name === 'help' || raw === undefined) continue;
    values[name] = !parse ? raw : Array.isArray(raw) ? raw.map((r: string) => parse(r)) : parse(raw as string);
  }
  return { values: values as Values<O>, positionals: parsed.positionals };
}

/** A usage error as a person reads it: the cause, the usage line, where the options are. */
export function usageMessage(spec: CommandSpec<Record<string, OptionSpec>>, cause: string): string {
  return `${spec.name}: ${cause}\nUsage: ${shownUsage(spec.usage)}\nRun with --help for the options.\n`;
}

/** parseCommand for a command's entry point: prints help (exit 0) or the usage error (exit 2) and ends the process. */
export function parseOrExit<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv = process.argv.slice(2)): { values: Values<O>; positionals: string[] } {
  try {
    const result = parseCommand(spec, argv);
    if (result !== 'help') return result;
    process.stdout.write(helpText(spec));
    process.exit(0);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    exitWithUsage(spec, error.message);
  }
}

/** For checks after parsing (a combination of options, a value only the command can judge). */
export function exitWithUsage(spec: CommandSpec<Record<string, OptionSpec>>, cause: string): never {
  process.stderr.write(usageMessage(spec, cause));
  process.exit(2);
}

// ── value parsers ─────────────────────────────────────────────────────────────────────────────
/** A whole number from `min` to `max`, for `flag`. */
export function wholeNumber(flag: string, min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number {
  return (raw) => {
    const n = Number(raw);
    if (!/^\s*-?\d+\s*$/.test(raw) || n < min || n > max) throw new UsageError(`--${flag} takes a whole number ${max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`}, got "${raw}"`);
    return n;
  };
}

/** One of the listed words, for `flag`. */
export function oneOf<const T extends string>(flag: string, choices: readonly T[]): (raw: string) => T {
  return (raw) => {
    if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`--${flag} takes ${choices.join(' or ')}, got "${raw}"`);
    return raw as T;
  };
}
