import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
const files = readdirSync('specs/unit').filter((f) => f.endsWith('.test.ts'));
for (const f of files) {
  const r = await build({ entryPoints: [`specs/unit/${f}`], bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, metafile: true, logLevel: 'silent' });
  const ext = new Map<string, Set<string>>();
  for (const [file, input] of Object.entries(r.metafile.inputs)) for (const i of input.imports) if (i.external) { const s = ext.get(i.path) ?? new Set(); s.add(file); ext.set(i.path, s); }
  const bad = [...ext].filter(([p]) => /child_process|^playwright|esbuild|\/engines\//.test(p) || p === '@playwright/test');
  console.log(f, Object.keys(r.metafile.inputs).length, bad.map(([p, s]) => `${p} <- ${[...s].join(',')}`).join(' | '));
}
