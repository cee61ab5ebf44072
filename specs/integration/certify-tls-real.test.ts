// Certificates browsers refuse, from a real nginx (Debian's) with certificates made here, each with
// one thing wrong; CORS on the server is right, so the certificate is the only problem. Each row's
// cause was written from the certificate before running. `certify` (the CLI, as users run it) must
// name the cause in words, show that every engine's page fetch was refused, give that cause's fix,
// exit 1 and print no stack trace. `--ca`: the same internal-CA server passes once its CA is given.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { CertificateRefusal } from '../../contract/certificate.ts';
import type { CertifyResult } from '../../contract/certify.ts';
import { selectedEngines } from '../../harness/engines/select.ts';
import type { CertificateCause } from '../../harness/certify/tls-words.ts';
import { certifyCli } from '../support/certify-cli.ts';
import { NGINX_BASE, nginxOptions, startNginx } from '../support/real-server-configs.ts';
import { cutTrees } from '../support/real-servers.ts';
import { type Issued, daysAgo, issue, writeServerFiles } from '../support/test-certificates.ts';

test.describe.configure({ mode: 'default', timeout: 300_000 });

const engines = selectedEngines();
const CORS_RIGHT = `${nginxOptions(' always')}\n      add_header Access-Control-Allow-Origin "*" always;`;
const NO_STACK = /\n\s+at \S+ \(|internal error/;

let dir: string;
let trees: string;
let ca: Issued;
let intermediate: Issued;
let caFile: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certify-tls-'));
  trees = cutTrees(dir).trees;
  ca = issue({ commonName: 'Certify Test Internal Root CA', ca: true, notAfter: new Date(Date.now() + 3650 * 86_400_000) });
  intermediate = issue({ commonName: 'Certify Test Intermediate CA', ca: true, issuer: ca });
  caFile = join(dir, 'internal-ca.pem');
  writeFileSync(caFile, ca.pem);
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Row {
  cause: CertificateCause;
  /** The server's certificate file: the leaf and what nginx sends after it. */
  certificate: () => { leaf: Issued; chain?: Issued[] };
  /** Give certify the test CA, so the row's one problem is the only one Node sees. */
  withCa: boolean;
  /** What the fix must say for this cause. */
  fix: RegExp;
  /** What the words must say about this certificate. */
  words: RegExp;
}

const ROWS: Row[] = [
  {
    cause: 'certificate-self-signed',
    certificate: () => ({ leaf: issue({ commonName: '127.0.0.1', names: ['127.0.0.1'] }) }),
    withCa: false,
    fix: /certificate authority browsers trust.*Let's Encrypt/,
    words: /CN=127\.0\.0\.1\) is self-signed/,
  },
  {
    cause: 'certificate-expired',
    certificate: () => ({ leaf: issue({ commonName: '127.0.0.1', names: ['127.0.0.1'], issuer: ca, notBefore: daysAgo(90), notAfter: daysAgo(2) }) }),
    withCa: true,
    fix: /Renew the certificate and reload the server/,
    words: new RegExp(`expired on ${daysAgo(2).toISOString().slice(0, 10)}`),
  },
  {
    cause: 'certificate-wrong-name',
    certificate: () => ({ leaf: issue({ commonName: 'iiif.example.org', names: ['iiif.example.org'], issuer: ca }) }),
    withCa: true,
    fix: /subjectAltName includes 127\.0\.0\.1/,
    words: /for iiif\.example\.org, not for 127\.0\.0\.1/,
  },
  {
    cause: 'certificate-unknown-issuer',
    certificate: () => ({ leaf: issue({ commonName: '127.0.0.1', names: ['127.0.0.1'], issuer: ca }) }),
    withCa: false,
    fix: /public CA.*--ca <root certificate file>/,
    words: /signed by CN=Certify Test Internal Root CA, a certificate authority that neither/,
  },
  {
    cause: 'certificate-incomplete-chain',
    // The leaf names where its issuer is published, as public CAs' leaves do; nginx sends the leaf alone.
    certificate: () => ({ leaf: issue({ commonName: '127.0.0.1', names: ['127.0.0.1'], issuer: intermediate, caIssuers: 'http://127.0.0.1:9/certify-test-intermediate.crt' }) }),
    withCa: true,
    fix: /Send the intermediate certificate\(s\) after the server's certificate.*fullchain\.pem/,
    words: /not the intermediate certificate that signed it \(CN=Certify Test Intermediate CA/,
  },
];

async function serve(name: string, leaf: Issued, chain: Issued[] = []) {
  const tls = writeServerFiles(dir, name, leaf, chain);
  return startNginx(dir, trees, { server: NGINX_BASE, iiif: CORS_RIGHT, tls }, (port) => `127.0.0.1:${port}`);
}

for (const row of ROWS) {
  test(`certify names an untrusted certificate from nginx — ${row.cause}`, async ({}, testInfo) => {
    const { leaf, chain } = row.certificate();
    const nginx = await serve(row.cause, leaf, chain);
    try {
      const json = join(dir, `${row.cause}.json`);
      const url = `${nginx.origin}/iiif/v3/img/info.json`;
      const run = await certifyCli([url, '--quiet', '--json', json, ...(row.withCa ? ['--ca', caFile] : [])], {}, 240_000);
      await testInfo.attach('stdout', { body: run.stdout, contentType: 'text/plain' });
      const all = `${run.stdout}\n${run.stderr}`;
      expect(run.stderr, all).not.toMatch(NO_STACK);
      expect(run.status, all).toBe(1);
      expect(run.stdout, all).toContain(`[${row.cause}]`);
      expect(run.stdout, all).toContain('before any request is sent or any CORS header is read');
      const doc = JSON.parse(readFileSync(json, 'utf8')) as CertificateRefusal;
      expect(doc.cause, all).toBe(row.cause);
      expect(doc.problem, all).toMatch(row.words);
      expect(doc.fix.text.replace(/\n/g, ' '), all).toMatch(row.fix);
      // Observed, not assumed: every engine's page fetch was refused.
      expect(doc.observed.map((o) => o.project).sort(), all).toEqual([...engines].sort());
      for (const o of doc.observed) {
        testInfo.annotations.push({ type: `${o.project}`, description: `${o.outcome}: ${o.detail}` });
        expect(o.outcome, `${o.project}: ${o.detail}\n${all}`).toBe('refused');
        expect(run.stdout, all).toMatch(new RegExp(`${o.project}\\s.*refused the connection`));
      }
      console.log(`${row.cause}: ${doc.problem}\n  ${doc.observed.map((o) => `${o.project}: ${o.detail}`).join('; ')}`);
    } finally {
      await nginx.stop();
    }
  });
}

test('--ca: a server with a certificate from an internal CA is refused without it and certified with it', async ({}, testInfo) => {
  const nginx = await serve('internal', issue({ commonName: '127.0.0.1', names: ['127.0.0.1'], issuer: intermediate }), [intermediate]);
  try {
    const url = `${nginx.origin}/iiif/v3/img/info.json`;
    const without = await certifyCli([url, '--quiet'], {}, 240_000);
    const both = `${without.stdout}\n${without.stderr}`;
    expect(without.stderr, both).not.toMatch(NO_STACK);
    expect(without.status, both).toBe(1);
    // leaf + intermediate sent, the root unknown: an unknown issuer, not an incomplete chain.
    expect(without.stdout, both).toContain('[certificate-unknown-issuer]');
    expect(without.stdout, both).toContain('--ca <root certificate file>');

    const json = join(dir, 'with-ca.json');
    const withCa = await certifyCli([url, '--quiet', '--ca', caFile, '--json', json], {}, 240_000);
    await testInfo.attach('stdout with --ca', { body: withCa.stdout, contentType: 'text/plain' });
    const all = `${withCa.stdout}\n${withCa.stderr}`;
    expect(withCa.stderr, all).not.toMatch(NO_STACK);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as CertifyResult;
    expect(doc.engines.map((e) => e.project).sort(), all).toEqual([...engines].sort());
    // Every browser check ran and passed in every engine (none refused, none a network failure).
    for (const check of doc.checks.filter((c) => c.kind === 'browser')) {
      for (const engine of engines) expect(['pass', 'n/a'], `${check.id} in ${engine}: ${check.results[engine]?.observed}\n${all}`).toContain(check.results[engine]?.status);
    }
    expect(doc.verdict, all).toBe('pass');
    expect(withCa.status, all).toBe(0);
  } finally {
    await nginx.stop();
  }
});

test('--ca refuses a file that is not a CA certificate, as a usage error', async () => {
  const notPem = join(dir, 'not-a-ca.txt');
  writeFileSync(notPem, 'hello');
  const leafFile = join(dir, 'leaf-only.pem');
  writeFileSync(leafFile, issue({ commonName: '127.0.0.1', issuer: ca }).pem);
  for (const [file, says] of [
    [notPem, /holds no PEM certificate/],
    [leafFile, /not a CA/],
    [join(dir, 'missing.pem'), /cannot read .*ENOENT/],
  ] as const) {
    const run = await certifyCli(['https://127.0.0.1:1/iiif/v3/img/info.json', '--ca', file], {}, 60_000);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(says);
    expect(run.stderr).not.toMatch(NO_STACK);
  }
});
