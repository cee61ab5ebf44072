// --state <dir>: results kept as they come, so an interrupted run (Ctrl-C, a crash) resumes
// without redoing finished work. One file for the walk, one line per fingerprinted service, one
// file per certified representative; every write is whole (written aside, then renamed).

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertifyReport } from '../types.ts';
import type { FingerprintOutcome } from './fingerprint.ts';
import type { WalkResult } from './walk.ts';

const FORMAT = 1;

export class RunState {
  private readonly fingerprints = new Map<string, FingerprintOutcome>();

  private constructor(private readonly dir: string | null) {}

  /** Opens (or creates) the state of a run over `input`; a directory holding another input's state is refused. */
  static open(dir: string | undefined, input: string): RunState {
    if (!dir) return new RunState(null);
    mkdirSync(join(dir, 'results'), { recursive: true });
    const meta = join(dir, 'state.json');
    if (existsSync(meta)) {
      const saved = JSON.parse(readFileSync(meta, 'utf8')) as { format: number; input: string };
      if (saved.format !== FORMAT || saved.input !== input) throw new StateError(`--state ${dir} holds the state of another run (${saved.input}); give an empty directory, or the same input`);
    } else writeWhole(meta, JSON.stringify({ format: FORMAT, input }));
    const state = new RunState(dir);
    const lines = join(dir, 'fingerprints.jsonl');
    if (existsSync(lines)) {
      for (const line of readFileSync(lines, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { url, outcome } = JSON.parse(line) as { url: string; outcome: FingerprintOutcome };
          state.fingerprints.set(url, outcome);
        } catch {} // a line cut by a crash: that service is fingerprinted again
      }
    }
    return state;
  }

  get resuming(): boolean {
    return !!this.dir && existsSync(join(this.dir, 'walk.json'));
  }

  walk(): WalkResult | null {
    if (!this.dir || !existsSync(join(this.dir, 'walk.json'))) return null;
    return JSON.parse(readFileSync(join(this.dir, 'walk.json'), 'utf8')) as WalkResult;
  }
  saveWalk(w: WalkResult) {
    if (this.dir) writeWhole(join(this.dir, 'walk.json'), JSON.stringify(w));
  }

  fingerprint(url: string): FingerprintOutcome | undefined {
    return this.fingerprints.get(url);
  }
  saveFingerprint(url: string, outcome: FingerprintOutcome) {
    this.fingerprints.set(url, outcome);
    if (this.dir) appendFileSync(join(this.dir, 'fingerprints.jsonl'), `${JSON.stringify({ url, outcome })}\n`);
  }

  private resultFile(url: string) {
    return join(this.dir!, 'results', `${createHash('sha1').update(url).digest('hex')}.json`);
  }
  result(url: string): CertifyReport | { error: string } | null {
    if (!this.dir || !existsSync(this.resultFile(url))) return null;
    return JSON.parse(readFileSync(this.resultFile(url), 'utf8')) as CertifyReport | { error: string };
  }
  saveResult(url: string, r: CertifyReport | { error: string }) {
    if (this.dir) writeWhole(this.resultFile(url), JSON.stringify(r));
  }
}

export class StateError extends Error {
  override name = 'StateError';
}

function writeWhole(file: string, text: string) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
