// The layering, read from the import statements: contract/ imports nothing of the project, and no
// file under harness/ is part of an import cycle (type-only imports count: a cycle is a cycle to a
// reader, whether or not the compiler erases it).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from '../support/browserless.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Each file's relative imports and re-exports, resolved to absolute paths. */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)'/gms)].map((m) => resolve(dirname(file), m[1]!));
}

/** Strongly connected components of more than one file (Tarjan). */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      component.push(relative(ROOT, w));
    } while (w !== v);
    if (component.length > 1) found.push(component);
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

test('contract/ imports nothing of the project (only its own files and packages)', () => {
  const outside = tsFiles(join(ROOT, 'contract')).flatMap((f) => importsOf(f).filter((t) => !t.startsWith(join(ROOT, 'contract'))).map((t) => `${relative(ROOT, f)} → ${relative(ROOT, t)}`));
  expect(outside).toEqual([]);
});

test('no import cycle among the files under harness/', () => {
  expect(cycles(tsFiles(join(ROOT, 'harness')))).toEqual([]);
});

test('the scenario layer (harness/scenarios/) imports nothing of the Playwright plumbing (harness/runner/)', () => {
  const runner = join(ROOT, 'harness/runner');
  const upward = tsFiles(join(ROOT, 'harness/scenarios')).flatMap((f) => importsOf(f).filter((t) => t.startsWith(`${runner}/`)).map((t) => `${relative(ROOT, f)} → ${relative(ROOT, t)}`));
  expect(upward).toEqual([]);
});

test('the scenario layer and what it runs on never import Playwright Test', () => {
  // The executor and everything it imports (engines, in-page, viewers) must run outside a test.
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const target of importsOf(file)) if (target.endsWith('.ts') && target.startsWith(join(ROOT, 'harness'))) visit(target);
  };
  for (const f of tsFiles(join(ROOT, 'harness/scenarios'))) visit(f);
  const playwrightTest = [...reached].filter((f) => /from '@playwright\/test'/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
  expect(playwrightTest).toEqual([]);
});
