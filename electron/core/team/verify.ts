/**
 * Checking a database end to end: it decrypts, SQLite's integrity check passes,
 * and every page's SQLCipher HMAC is right.
 *
 * SQLite3 Multiple Ciphers has no `PRAGMA cipher_integrity_check`, so the HMAC
 * check is done here as SQLCipher 4 defines it: each page carries a 16-byte IV
 * and a 64-byte HMAC-SHA512 over (ciphertext ‖ IV ‖ page number, little-endian),
 * keyed by PBKDF2-HMAC-SHA512(data key, file salt XOR 0x3a, 2 iterations). That
 * catches a changed byte on any page, including free pages SQLite never reads.
 */
import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { auditAnchorProblem, brokenAuditEntry } from '../audit';
import { checkpoint, openEncryptedDatabase, withKeyBuffer, type DataKey } from '../db/open-database';
import { PlwError } from '../errors';

const PAGE_SIZE = 4096;
const SALT_SIZE = 16;
const HMAC_SIZE = 64;

export interface VerifyReport {
  ok: boolean;
  pages: number;
  problems: string[];
}

/** `anchor`: an audit anchor taken earlier (`ID:HASH`); the log must still hold it unchanged. */
export function verifyDatabase(databasePath: string, key: DataKey, anchor: { id: number; hash: string } | null = null): VerifyReport {
  const problems: string[] = [];
  try {
    const db = openEncryptedDatabase(databasePath, key, { create: false });
    try {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      const messages = rows.map((row) => row.integrity_check).filter((m) => m !== 'ok');
      // SQLite's messages name pages and tables, never row contents.
      if (messages.length) problems.push(`SQLite integrity check found ${messages.length} problem(s), first: ${messages[0]}`);
      const broken = brokenAuditEntry(db);
      if (broken) problems.push(`The audit log's chain is broken at entry ${broken.id}: ${broken.reason}.`);
      const anchored = anchor ? auditAnchorProblem(db, anchor) : null;
      if (anchored) problems.push(anchored);
      checkpoint(db);
    } finally {
      db.close();
    }
  } catch (error) {
    problems.push(error instanceof PlwError ? error.message : 'SQLite could not read the database: it is damaged.');
  }
  const cipher = withKeyBuffer(key, (bytes) => checkPageAuthentication(databasePath, bytes));
  problems.push(...cipher.problems);
  return { ok: problems.length === 0, pages: cipher.pages, problems };
}

export function checkPageAuthentication(databasePath: string, dataKey: Buffer): { pages: number; problems: string[] } {
  const problems: string[] = [];
  const fd = openSync(databasePath, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0 || size % PAGE_SIZE !== 0) {
      problems.push(`The file is ${size} bytes, not a whole number of ${PAGE_SIZE}-byte pages: it has been cut short or padded.`);
    }
    const pages = Math.floor(size / PAGE_SIZE);
    if (pages === 0) return { pages, problems };
    const page = Buffer.alloc(PAGE_SIZE);
    readSync(fd, page, 0, PAGE_SIZE, 0);
    const hmacSalt = Buffer.from(page.subarray(0, SALT_SIZE).map((byte) => byte ^ 0x3a));
    const hmacKey = pbkdf2Sync(dataKey, hmacSalt, 2, 32, 'sha512');
    const pageNumber = Buffer.alloc(4);
    let bad = 0;
    for (let pgno = 1; pgno <= pages; pgno++) {
      readSync(fd, page, 0, PAGE_SIZE, (pgno - 1) * PAGE_SIZE);
      const start = pgno === 1 ? SALT_SIZE : 0;
      pageNumber.writeUInt32LE(pgno);
      const expected = createHmac('sha512', hmacKey)
        .update(page.subarray(start, PAGE_SIZE - HMAC_SIZE))
        .update(pageNumber)
        .digest();
      if (!timingSafeEqual(expected, page.subarray(PAGE_SIZE - HMAC_SIZE))) {
        bad++;
        if (bad <= 5) problems.push(`Page ${pgno} of ${pages} failed its authentication check: the file was changed or damaged.`);
      }
    }
    if (bad > 5) problems.push(`… and ${bad - 5} more damaged page(s).`);
    return { pages, problems };
  } finally {
    closeSync(fd);
  }
}
