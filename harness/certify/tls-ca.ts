// certify --ca <file>: a certificate authority the user trusts (an internal CA), trusted in Node
// (undici's `ca`, next to the system roots) and in every engine the way the local CA is
// (harness/engines/trust.ts): Firefox gets the CA in its store; Chromium and WebKitGTK accept the
// target's certificates that Node verified against it (chain, dates, host name). Never a bypass: a
// certificate that does not verify is refused everywhere, and said in words (tls-refusal.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { spkiHash } from '../../fixtures/tls.ts';
import type { ExtraTrust } from '../engines/trust.ts';
import type { Target } from '../../contract/certify.ts';
import type { UserCa } from './ca-file.ts';
import { TargetError } from './safe-fetch.ts';
import { handshake, tlsHost } from './tls-inspect.ts';
import { certificateProblem } from './tls-words.ts';

/** Node's requests trust the system roots and the user's CA. */
export const caDispatcher = (ca: UserCa) => new Agent({ connect: { ca: [...rootCertificates, ca.pem] } });

/**
 * The target's https origins, each verified by a handshake that trusts the user's CA; their
 * certificates are what Chromium and WebKitGTK are told to accept. A certificate that fails
 * verification is a TargetError naming the problem (the CLI then says it in words).
 */
export async function trustForTarget(ca: UserCa, target: Target, timeoutMs: number): Promise<ExtraTrust> {
  const urls = [target.input, target.urls.info, target.urls.base, ...(target.manifest ? [target.manifest] : []), ...target.plan.sampled.map((t) => t.url)];
  const origins = [...new Set(urls.map((u) => new URL(u)).filter((u) => u.protocol === 'https:').map((u) => u.origin))];
  const dir = mkdtempSync(join(tmpdir(), 'cors-certify-ca-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const leaves: ExtraTrust['leaves'] = [];
  for (const [i, origin] of origins.entries()) {
    const h = await handshake(origin, [ca.pem], timeoutMs);
    if (h.code) throw new TargetError(`${origin}: ${certificateProblem(h.code)}`, { code: h.code, url: origin });
    if (h.error || !h.pems[0]) throw new TargetError(`${origin}: TLS handshake failed (${h.error ?? 'no certificate presented'})`);
    const certFile = join(dir, `leaf-${i}.pem`);
    writeFileSync(certFile, h.pems[0]);
    leaves.push({ host: tlsHost(new URL(origin)), certFile, spkiHash: spkiHash(h.pems[0]) });
  }
  return { caFiles: [ca.file], leaves };
}
