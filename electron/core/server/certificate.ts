/**
 * The team server's certificate: made once by `plw serve --init`, self-signed, and trusted by
 * each desktop app because a person compared its SHA-256 fingerprint (printed here, shown
 * there) and pinned it, not because a certificate authority vouched for it. A team's server
 * sits on its own network with no public name, so a public CA could not issue it one.
 *
 * The key pair and signature come from Node's own WebCrypto (ECDSA P-256); @peculiar/x509 only
 * lays the certificate out in ASN.1, which Node has no API to write. (It finds its algorithms
 * through tsyringe, which needs the Reflect metadata polyfill loaded first.)
 */
import 'reflect-metadata';
import { X509Certificate, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

export interface ServerCertificate {
  /** The private key, PKCS#8 PEM: for the server's file only (0600). */
  keyPem: string;
  certificatePem: string;
  /** SHA-256 of the certificate, as colon-separated hex pairs (what Node and browsers show). */
  fingerprint: string;
}

/** Five years: a team's server is set up once; a new certificate means every app confirming again. */
const VALID_YEARS = 5;

const SIGNING = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** Makes a key pair and a certificate naming the server by the names and addresses people will type. */
export async function makeServerCertificate(hostNames: readonly string[], now: Date = new Date()): Promise<ServerCertificate> {
  const keys = (await webcrypto.subtle.generateKey(SIGNING, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const names = [...new Set(['localhost', '127.0.0.1', ...hostNames])];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: 'CN=Partner Link Tracker team server',
      notBefore: now,
      notAfter,
      keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: isIP(value) ? ('ip' as const) : ('dns' as const), value }))),
      ],
    },
    webcrypto as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1],
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const certificatePem = certificate.toString('pem');
  return { keyPem: pem('PRIVATE KEY', pkcs8), certificatePem, fingerprint: fingerprintOf(certificatePem) };
}

/** The SHA-256 fingerprint of a PEM certificate, as Node's TLS reports a peer's (`fingerprint256`). */
export function fingerprintOf(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256;
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
