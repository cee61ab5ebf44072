// matrix's options, usage and help (`npm run matrix`, `cors-harness matrix`).

import { defineCommand, wholeNumber } from './command.ts';
import { FAMILIES } from '../../contract/names.ts';

export const COMMAND = defineCommand({
  name: 'matrix',
  usage: 'npm run matrix -- [options] [-- <playwright test options>]',
  summary: `Runs every scenario family (${FAMILIES.join(', ')})
in every selected engine and writes matrix-report/matrix.json, matrix.md and index.html.`,
  options: {
    baseline: { type: 'string', value: '<matrix.json>', description: 'list the cells that changed against an earlier run (in all three outputs)' },
    'fail-on-change': {
      type: 'boolean',
      description: 'exit non-zero when a cell changed verdict, appeared or disappeared (nightly jobs); changes in unasserted facts and engine versions are listed only',
    },
    out: { type: 'string', value: '<dir>', description: 'write the report here (default matrix-report)' },
    repeat: {
      type: 'string',
      value: '<N>',
      description: 'run the catalogue N times (run i into <out>/run-<i>, the last into <out>) and list every cell whose outcome differed (<out>/repeat.json); exit 1 if any',
      parse: wholeNumber('repeat', 2),
    },
    history: {
      type: 'string',
      value: '<dir>',
      description: "keep this run's matrix.json in <dir> (dated), and show per cell in index.html since which run and engine version its verdict holds (<out>/history.json)",
    },
    merge: {
      type: 'string',
      value: '<blob-dir>',
      description: 'run no tests: merge the blob reports of sharded runs (`--reporter blob`) into one matrix, with the same exit code a single run would have',
    },
  },
  positionals: { max: Infinity, name: 'playwright test options' },
  epilog: `Anything after -- goes to playwright test (e.g. -- --project firefox, -- --shard 1/2).
Engines: CORS_ENGINES=chromium,firefox,webkit (default all three), each optionally @<channel>
(chromium@chrome-beta, firefox@moz-firefox-nightly: harness/engines/channels.ts); families:
CORS_FAMILIES=simple,preflight (default all; a narrowed run is never marked complete); remote browsers:
CORS_CONNECT_<ENGINE>=ws://… or, for webkit, http://… (docs/remote-and-nightly.md).

Exit code: 0 when every cell conforms or matches its declared deviation; 1 otherwise (or on change
with --fail-on-change); 2 for bad options.`,
});
