/**
 * Each account's own key pairs (keyring version 2):
 * - a sealing pair (X25519): the data key is sealed to its public half with HPKE
 *   (RFC 9180, @hpke/core), so an administrator can give a new data key to every
 *   remaining account without knowing anyone's passphrase. That is what makes removing
 *   a leaver, or resetting a passphrase, rekey the database at once.
 * - a signing pair (Ed25519, node:crypto): signs the worker summary files a manager merges.
 * Both private halves are wrapped together under the account's passphrase-derived key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

export interface SealedKey {
  /** base64 of HPKE's encapsulated key (32 bytes) */
  enc: string;
  /** base64 of the sealed data key with its tag */
  ciphertext: string;
}

export interface AccountPublicKeys {
  /** base64 of the raw X25519 public key */
  sealing: string;
  /** base64 of the raw Ed25519 public key */
  signing: string;
}

/** The private halves, in memory only once unwrapped; zero them when done. */
export interface AccountPrivateKeys {
  sealing: Buffer;
  /** 32-byte Ed25519 seed */
  signing: Buffer;
}

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
const utf8 = (text: string): ArrayBuffer => toArrayBuffer(Buffer.from(text, 'utf8'));

// An Ed25519 private key in PKCS#8 is this fixed prefix followed by the 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// And a public key in SPKI is this prefix followed by the 32 raw bytes.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
// The same two prefixes for X25519 (only the algorithm's object identifier differs).
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export async function newAccountKeys(): Promise<{ publicKeys: AccountPublicKeys; privateKeys: AccountPrivateKeys }> {
  const sealingPair = await suite.kem.generateKeyPair();
  const signingPair = generateKeyPairSync('ed25519');
  const signingDer = signingPair.privateKey.export({ format: 'der', type: 'pkcs8' });
  const publicDer = signingPair.publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKeys: {
      sealing: Buffer.from(await suite.kem.serializePublicKey(sealingPair.publicKey)).toString('base64'),
      signing: publicDer.subarray(ED25519_SPKI_PREFIX.length).toString('base64'),
    },
    privateKeys: {
      sealing: Buffer.from(await suite.kem.serializePrivateKey(sealingPair.privateKey)),
      signing: Buffer.from(signingDer.subarray(ED25519_PKCS8_PREFIX.length)),
    },
  };
}

/** Seals the data key to one account's public key, bound to `associatedData` (database, account, role). */
export async function sealDataKey(dataKey: Buffer, sealingPublicKey: string, associatedData: string): Promise<SealedKey> {
  const recipientPublicKey = await suite.kem.deserializePublicKey(toArrayBuffer(Buffer.from(sealingPublicKey, 'base64')));
  const sender = await suite.createSenderContext({ recipientPublicKey });
  const ciphertext = await sender.seal(toArrayBuffer(dataKey), utf8(associatedData));
  return { enc: Buffer.from(sender.enc).toString('base64'), ciphertext: Buffer.from(ciphertext).toString('base64') };
}

/** The data key, or null when the private key or the associated data is not the one it was sealed for. */
export async function openSealedKey(sealed: SealedKey, sealingPrivateKey: Buffer, associatedData: string): Promise<Buffer | null> {
  try {
    const recipientKey = await suite.kem.deserializePrivateKey(toArrayBuffer(sealingPrivateKey));
    const recipient = await suite.createRecipientContext({ recipientKey, enc: toArrayBuffer(Buffer.from(sealed.enc, 'base64')) });
    return Buffer.from(await recipient.open(toArrayBuffer(Buffer.from(sealed.ciphertext, 'base64')), utf8(associatedData)));
  } catch {
    return null;
  }
}

/** The public sealing key that goes with a private one: an unwrapped entry is checked against the database with it. */
export function sealingPublicKeyOf(sealingPrivateKey: Buffer): string {
  const privateKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, sealingPrivateKey]), format: 'der', type: 'pkcs8' });
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return der.subarray(X25519_SPKI_PREFIX.length).toString('base64');
}

function signingKeyObject(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function signBytes(signingSeed: Buffer, data: Buffer): string {
  return sign(null, data, signingKeyObject(signingSeed)).toString('base64');
}

export function signingPublicKeyOf(signingSeed: Buffer): string {
  const der = createPublicKey(signingKeyObject(signingSeed)).export({ format: 'der', type: 'spki' });
  return der.subarray(ED25519_SPKI_PREFIX.length).toString('base64');
}

export function verifySignature(signingPublicKey: string, data: Buffer, signature: string): boolean {
  try {
    const raw = Buffer.from(signingPublicKey, 'base64');
    if (raw.length !== 32) return false;
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    return verify(null, data, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A short, readable fingerprint of a public key, for people to compare by eye or phone. */
export function keyFingerprint(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').toUpperCase().slice(0, 16);
  return hex.match(/.{4}/g)!.join(' ');
}
