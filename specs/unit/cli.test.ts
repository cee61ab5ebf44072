// The shared command-line module (harness/cli/command.ts): help generated from the option table,
// values parsed and typed, and usage errors that name their cause.

import { UsageError, defineCommand, helpText, oneOf, parseCommand, usageMessage, wholeNumber } from '../../harness/cli/command.ts';
import { expect, test } from '../support/browserless.ts';

const demo = defineCommand({
  name: 'demo',
  usage: 'npm run demo -- <url> [options]',
  summary: 'Does a demo thing.',
  options: {
    samples: { type: 'string', value: '<n>', description: 'tiles sampled', default: '20', parse: wholeNumber('samples', 1, 500) },
    format: { type: 'string', value: '<fmt>', description: 'text or md', parse: oneOf('format', ['text', 'md']) },
    'trusted-origin': { type: 'string', value: '<origin>', multiple: true, description: 'an origin the server is meant to allow, with a description long enough to need a second line of help text' },
    quiet: { type: 'boolean', description: 'no progress lines' },
    port: { type: 'string', value: '<n>', description: 'a port', env: 'DEMO_PORT' },
  },
  positionals: { min: 1, max: 1, name: 'the URL' },
  epilog: 'Exit code: 0 fine, 2 bad input.',
});

test('values come back parsed and typed, defaults applied', () => {
  const parsed = parseCommand(demo, ['https://x.example/', '--format', 'md', '--trusted-origin', 'https://a', '--trusted-origin', 'https://b', '--quiet']);
  if (parsed === 'help') throw new Error('unexpected help');
  const samples: number = parsed.values.samples;
  const format: 'text' | 'md' | undefined = parsed.values.format;
  expect({ samples, format, trusted: parsed.values['trusted-origin'], quiet: parsed.values.quiet, port: parsed.values.port }).toEqual({
    samples: 20, format: 'md', trusted: ['https://a', 'https://b'], quiet: true, port: undefined,
  });
  expect(parsed.positionals).toEqual(['https://x.example/']);
  expect(parseCommand(demo, ['--help'])).toBe('help');
  expect(parseCommand(demo, ['-h'])).toBe('help');
});

test('help is generated from the table: every option, its value, default, env and the epilog', () => {
  const help = helpText(demo);
  expect(help).toMatch(/^Usage: npm run demo -- <url> \[options\]\n\nDoes a demo thing\.\n\nOptions:\n/);
  expect(help).toContain('--samples <n>');
  expect(help).toContain('tiles sampled (default 20)');
  expect(help).toContain('a port (env DEMO_PORT)');
  expect(help).toContain('-h, --help');
  expect(help).toMatch(/Exit code: 0 fine, 2 bad input\.\n$/);
  expect(Math.max(...help.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
});

test('usage errors name the cause', () => {
  const cause = (argv: string[]) => {
    try {
      parseCommand(demo, argv);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    return 'no error';
  };
  expect(cause(['u', '--nope'])).toBe("Unknown option '--nope'");
  expect(cause(['u', '--samples', 'many'])).toBe('--samples takes a whole number from 1 to 500, got "many"');
  expect(cause(['u', '--samples', '0'])).toBe('--samples takes a whole number from 1 to 500, got "0"');
  expect(cause(['u', '--format', 'html'])).toBe('--format takes text or md, got "html"');
  expect(cause([])).toBe('missing the URL');
  expect(cause(['u', 'v'])).toBe('too many arguments: the URL takes at most 1');
  expect(cause(['u', '--samples'])).toMatch(/^Option '--samples <value>' argument missing$/);
  expect(usageMessage(demo, 'missing the URL')).toBe('demo: missing the URL\nUsage: npm run demo -- <url> [options]\nRun with --help for the options.\n');
});
