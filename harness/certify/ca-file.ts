// certify --ca <file>: the file read and checked when the options are parsed (no other machinery,
// so --help stays light); tls-ca.ts makes Node and the engines trust it.

import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface UserCa {
  file: string;
  pem: string;
}

/** Reads a PEM file of one or more CA certificates; a message for --ca when it is not one. */
export function readCaFile(file: string): UserCa | { problem: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { problem: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) return { problem: `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----); convert a DER file with \`openssl x509 -inform der -in ca.cer -out ca.pem\`` };
  for (const block of blocks) {
    try {
      if (!new X509Certificate(block).ca) return { problem: `${file} holds a certificate that is not a CA (basicConstraints CA:FALSE): give the CA's root certificate, not the server's` };
    } catch (error) {
      return { problem: `${file}: not a readable certificate (${(error as Error).message})` };
    }
  }
  return { file, pem: blocks.join('\n') + '\n' };
}
