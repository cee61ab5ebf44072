// Runs every command the README and docs/ show, for real, as specs/support/doc-commands.ts says:
// in a copy of the project, the docs' example hosts replaced by loopback servers started here (a
// real nginx serving a libvips-cut IIIF tree and a manifest with CORS right, the browser servers and
// WebKitWebDriver the docs start, the fixture hosts 127.0.0.2/127.0.0.3), long runs narrowed by the
// variables the docs document. Each row's exit code and a line of its output are checked; a
// server's row waits for its line and is stopped when the file ends. Rows run in table order:
// the baseline rows read what `npm run matrix` wrote, the remote rows the servers started before.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DOC_COMMANDS, type DocCheck, type Placeholder, substitute } from '../support/doc-commands.ts';
import { copyProject, runCommand } from '../support/child-run.ts';
import { NGINX_BASE, nginxOptions, startNginx } from '../support/real-server-configs.ts';
import { type Daemon, cutTrees } from '../support/real-servers.ts';
import { type Display, acquireDisplay } from '../../harness/engines/display.ts';
import { candidateFixturePorts } from '../../harness/free-fixtures.ts';
import { issue, writeServerFiles } from '../support/test-certificates.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// A matrix row narrowed to one family still starts browsers and a fixture server: minutes on a
// loaded 2-core machine (`--repeat 3` three times over).
test.describe.configure({ mode: 'default', timeout: 900_000 });

let dir: string;
let work: string;
let nginx: Daemon | undefined;
let intranet: Daemon | undefined;
let display: Display | undefined;
const servers: ChildProcess[] = [];
const values: Partial<Record<Placeholder, string>> = {};

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/** A Presentation 3 manifest of the nginx image service (a level-0 tree: tiles only). */
function manifest(origin: string) {
  const id = `${origin}/manifests/abc123.json`;
  const service = `${origin}/iiif/v3/img`;
  return {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id,
    type: 'Manifest',
    label: { en: ['abc123'] },
    items: [{
      id: `${id}/canvas/1`, type: 'Canvas', width: 1000, height: 700,
      items: [{ id: `${id}/page/1`, type: 'AnnotationPage', items: [{ id: `${id}/anno/1`, type: 'Annotation', motivation: 'painting', target: `${id}/canvas/1`, body: { id: `${service}/full/max/0/default.jpg`, type: 'Image', format: 'image/jpeg', service: [{ id: service, type: 'ImageService3', profile: 'level0' }] } }] }],
    }],
  };
}

test.beforeAll(async () => {
  dir = copyProject();
  work = mkdtempSync(join(tmpdir(), 'cors-harness-docs-'));
  const { trees } = cutTrees(work);
  // CORS right: ACAO * on every answer (`always`: errors too), preflights answered, the manifest too.
  const manifests = '    location /manifests/ { add_header Access-Control-Allow-Origin "*" always; }';
  nginx = await startNginx(work, trees, { server: `${NGINX_BASE}\n${manifests}`, iiif: `${nginxOptions(' always')}\n      add_header Access-Control-Allow-Origin "*" always;` });
  mkdirSync(join(nginx.root!, 'manifests'));
  writeFileSync(join(nginx.root!, 'manifests', 'abc123.json'), JSON.stringify(manifest(nginx.origin)));
  spawnSync('chmod', ['-R', 'a+rX', nginx.root!]);
  values['{iiif}'] = nginx.origin;
  // iiif.intranet.example: the same tree on https, its certificate issued by a root no browser or
  // Node trusts; the root is the internal-root.pem the docs' `--ca` row names, in the project copy.
  const root = issue({ commonName: 'Docs Test Internal Root CA', ca: true });
  const leaf = issue({ commonName: '127.0.0.1', names: ['127.0.0.1'], issuer: root });
  const tls = writeServerFiles(work, 'intranet', leaf);
  intranet = await startNginx(work, trees, { server: NGINX_BASE, iiif: nginxOptions(' always') + '\n      add_header Access-Control-Allow-Origin "*" always;', tls }, (port) => `127.0.0.1:${port}`);
  writeFileSync(join(dir, 'internal-root.pem'), root.pem);
  values['{iiif-intranet}'] = intranet.origin;
  values['{webdriver-port}'] = String(await freePort());
});

test.afterAll(async () => {
  for (const server of servers) {
    try {
      process.kill(-server.pid!, 'SIGTERM'); // its process group: npm, tsx and the browser under it
    } catch {
      // already gone
    }
  }
  await nginx?.stop();
  await intranet?.stop();
  await display?.release();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  rmSync(work, { recursive: true, force: true, maxRetries: 5 });
});

/** Starts a server row and waits for its line (or its ready URL); the match's first group fills `provides`. */
async function serve(command: string, check: Extract<DocCheck, { check: 'serve' }>): Promise<void> {
  if (check.display) display ??= await acquireDisplay('webkit');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_|FORCE_COLOR)/.test(k)));
  const child = spawn('bash', ['-c', command], {
    cwd: dir,
    detached: true,
    env: { ...inherited, ...candidateFixturePorts(), CI: '1', ...(check.display && { DISPLAY: display!.display }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  let output = '';
  let exited: number | null | undefined;
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  child.on('exit', (code) => (exited = code));
  const ready = check.ready && substitute(check.ready, values);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (check.says?.test(output) && !ready) break;
    if (ready && (await fetch(ready).then((r) => r.ok, () => false))) break;
    expect(exited, `${command} exited (${exited}) before it was ready:\n${output}`).toBeUndefined();
    expect(Date.now() < deadline, `${command} printed no ${check.says} in 120 s:\n${output}`).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
  }
  if (check.provides) values[check.provides] = check.says!.exec(output)![1]!;
  test.info().annotations.push({ type: 'serves', description: `${command}: ${check.says?.exec(output)?.[0] ?? ready}` });
}

for (const [shown, check] of Object.entries(DOC_COMMANDS)) {
  // No `@` in a title: `npm run matrix` greps titles for @<family>, and would run this test inside itself.
  // A not-run row's title says that only its syntax is checked, and why: it is not reported as run.
  const title = check.check === 'not-run' ? `syntax only, not run (${check.why})` : check.check;
  test(`${title}: ${shown.replaceAll('@', '(at)')}`, async () => {
    if (check.check === 'not-run') {
      const syntax = spawnSync('bash', ['-n', '-c', shown], { encoding: 'utf8' });
      expect(syntax.status, syntax.stderr).toBe(0);
      return;
    }
    if (check.check === 'run-elsewhere') {
      expect(readFileSync(join(ROOT, check.by), 'utf8').split('\n'), `${check.by} runs \`${shown}\``).toContain(shown);
      test.info().annotations.push({ type: 'run by', description: `${check.by}: ${check.why}` });
      return;
    }
    const command = substitute(shown, values);
    expect(command, 'a placeholder is still unfilled (the row that provides it failed)').not.toMatch(/\{[a-z-]+\}/);
    if (check.check === 'serve') return serve(command, check);
    if (check.setup === 'baseline' && !existsSync(join(dir, 'old/matrix.json'))) {
      // A real baseline: the matrix the `npm run matrix` row wrote, or (a failure before restarted
      // the worker in a fresh copy) the same run again.
      if (!existsSync(join(dir, 'matrix-report/matrix.json'))) {
        const matrix = DOC_COMMANDS['npm run matrix'] as Extract<DocCheck, { check: 'run' }>;
        const first = await runCommand(dir, 'bash', ['-c', 'npm run matrix'], matrix.narrow ?? {});
        expect(first.status, `the baseline run: ${first.output}`).toBe(0);
      }
      mkdirSync(join(dir, 'old'), { recursive: true });
      cpSync(join(dir, 'matrix-report/matrix.json'), join(dir, 'old/matrix.json'));
    }
    const started = Date.now();
    const run = await runCommand(dir, 'bash', ['-c', command], check.narrow ?? {});
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    test.info().annotations.push({ type: 'ran', description: `${command}${check.narrow ? ` (with ${Object.entries(check.narrow).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}: exit ${run.status}, ${seconds} s` });
    expect(run.status, run.output).toBe(check.exit);
    expect(run.output).toMatch(check.says);
    if (check.writes) expect(existsSync(join(dir, check.writes)), `${command} wrote ${check.writes}`).toBe(true);
  });
}
