// When the target's certificate fails verification, no CORS check can run: browsers refuse the
// connection during the TLS handshake. Certify says which of five problems it is (from Node's
// verification code and the chain the server presented), what each engine did when its page
// fetched the URL (observed, not assumed), and the fix for that problem. Exit code 1.

import { writeFileSync } from 'node:fs';
import type { EngineName } from '../../contract/engine.ts';
import type { CertificateRefusal } from '../../contract/certificate.ts';
import { certificateRefusalContract } from '../../contract/validate.ts';
import { EngineUnavailableError } from '../engines/types.ts';
import { TLS_FIXES } from './fixes-tls.ts';
import { Certifier } from './run.ts';
import type { UserCa } from './ca-file.ts';
import { handshake, tlsHost } from './tls-inspect.ts';
import { BEFORE_CORS, type CertificateCause, certificateCause, certificateWords } from './tls-words.ts';
import type { ExtraTrust } from '../engines/trust.ts';

export interface RefusalRun {
  input: string;
  /** The URL and code Node's request failed with (TargetError.certificate). */
  url: string;
  code: string;
  engines: EngineName[];
  ca?: UserCa;
  timeoutMs: number;
  realViewerOrigin?: string;
  progress?: (message: string) => void;
  json?: string;
  allFixes?: boolean;
}

/** The page's own fetch(), as a viewer makes it: no credentials, CORS mode, never from the cache. */
const fetchOnce = async (url: string): Promise<{ status?: number; error?: string }> => {
  try {
    const response = await fetch(url, { mode: 'cors', credentials: 'omit', cache: 'no-store' });
    return { status: response.status };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
};

export async function certifyRefusedCertificate(run: RefusalRun): Promise<number> {
  const seen = await handshake(run.url, run.ca ? [run.ca.pem] : [], run.timeoutMs);
  const code = seen.code ?? run.code;
  const chain = seen.code ? seen.chain : [];
  const cause: CertificateCause = certificateCause(code, chain) ?? 'certificate-unknown-issuer';
  const host = tlsHost(new URL(run.url));
  const problem = certificateWords(cause, code, host, chain);
  run.progress?.(`Target: ${run.url}: untrusted certificate (${cause.replace('certificate-', '')}); observing what each engine does with it…`);

  let certifier: Certifier;
  try {
    // With --ca, Firefox trusts the CA itself; no server certificate is accepted by key, since none verified.
    const extraTrust: ExtraTrust | undefined = run.ca && { caFiles: [run.ca.file], leaves: [] };
    certifier = await Certifier.start({ engines: run.engines, progress: run.progress, ...(run.realViewerOrigin && { realViewerOrigin: run.realViewerOrigin }), ...(extraTrust && { extraTrust }) });
  } catch (error) {
    const errors = error instanceof AggregateError ? error.errors : [error];
    for (const e of errors) process.stderr.write(`certify: ${e instanceof EngineUnavailableError ? e.message : (e as Error).message}\n`);
    return 2;
  }
  let refusal: CertificateRefusal;
  try {
    const results = await certifier.inEachEngine(fetchOnce, run.url);
    const fix = TLS_FIXES[cause];
    refusal = {
      kind: 'certificate-refused',
      input: run.input,
      url: run.url,
      cause,
      title: fix.title,
      code,
      problem,
      chain,
      viewerOrigin: certifier.viewerOrigin,
      engines: results.map((r) => r.info),
      observed: results.map(({ info, result }) => ({
        project: info.project,
        outcome: result.error === undefined ? 'loaded' : 'refused',
        detail: result.error ?? `HTTP ${result.status}`,
      })),
      fix: { server: 'generic', text: fix.generic.replaceAll('{host}', host) },
      verdict: 'fail',
    };
  } finally {
    await certifier.close();
  }
  if (run.json) {
    const text = JSON.stringify(certificateRefusalContract.assert(refusal), null, 2);
    if (run.json === '-') process.stdout.write(`${text}\n`);
    else writeFileSync(run.json, text);
  }
  if (run.json !== '-') process.stdout.write(renderRefusal(refusal, run.allFixes ? TLS_FIXES[cause].servers : {}, host));
  return 1;
}

export function renderRefusal(r: CertificateRefusal, servers: Record<string, string>, host: string): string {
  const lines = [
    `certify ${r.input}`,
    '',
    `FAIL  ${r.title}  [${r.cause}]`,
    `  ${r.url}: ${r.problem}.`,
    `  ${BEFORE_CORS}`,
    '',
    `  What each engine did (its page on ${r.viewerOrigin} fetched the URL):`,
    ...r.observed.map((o) => {
      const info = r.engines.find((e) => e.project === o.project);
      const what = o.outcome === 'refused' ? `refused the connection: fetch() failed with ${o.detail}` : `loaded it (${o.detail}): this engine trusts the certificate`;
      return `    ${o.project.padEnd(9)}${info ? `${info.browser} ${info.version}`.padEnd(26) : ''} ${what}`;
    }),
    ...(r.chain.length
      ? ['', '  Certificates the server presented (leaf first):', ...r.chain.map((c, i) => `    ${i + 1}. ${c.subject}; issued by ${c.issuer}; valid ${c.validFrom.slice(0, 10)} to ${c.validTo.slice(0, 10)}${c.names.length ? `; names ${c.names.join(', ')}` : ''}`)]
      : []),
    '',
    '  Fix:',
    ...r.fix.text.split('\n').map((l) => `    ${l}`),
    ...Object.entries(servers).flatMap(([server, text]) => [`  ${server}:`, ...text.replaceAll('{host}', host).split('\n').map((l) => `    ${l}`)]),
    '',
    'Verdict: FAIL: browsers refuse this server\'s certificate, so no CORS check could run. Fix the certificate, then certify again.',
    '',
  ];
  return lines.join('\n');
}
