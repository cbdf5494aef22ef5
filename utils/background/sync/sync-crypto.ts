/**
 * End-to-end encryption of what sync sends. With a passphrase, the server stores for each
 * record only a meaningless id and AES-256-GCM ciphertext; quotes, notes, tags, titles and page
 * addresses never reach it in the clear.
 *
 * Keys: PBKDF2-SHA-256 (600,000 iterations, a random per-library salt kept on the server) turns
 * the passphrase into 256 bits, which HKDF splits into an AES-GCM key (contents) and an HMAC key
 * (document ids: HMAC of the record's key, so the same record has the same id on every device
 * and the id says nothing of it). Both are non-extractable `CryptoKey`s: stored in the
 * extension's IndexedDB, usable, never readable. Every document has a fresh 96-bit IV, and its
 * id is the GCM additional data, so a ciphertext moved to another id does not open.
 *
 * A check value (a known text, encrypted) sits beside the salt: a wrong passphrase fails to
 * open it, and is refused before anything is written.
 */
import { base64ToBytes, bytesToBase64 } from '../../shared/base64';

export const KDF_ITERATIONS = 600_000;
const CHECK_TEXT = 'clearmark library key v1';

export interface SyncKeys {
  /** AES-GCM, encrypt and decrypt. */
  contents: CryptoKey;
  /** HMAC-SHA-256, sign: names documents. */
  names: CryptoKey;
}

/** Sealed contents as stored on the server. */
export interface Sealed {
  iv: string;
  data: string;
}

export function newSalt(): string {
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(16)));
}

export async function deriveKeys(passphrase: string, salt: string, iterations = KDF_ITERATIONS): Promise<SyncKeys> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: base64ToBytes(salt), iterations },
      material,
      256,
    ),
  );
  try {
    const root = await crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
    const info = (label: string) => ({
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: new TextEncoder().encode(label),
    });
    const [contents, names] = await Promise.all([
      crypto.subtle.deriveKey(info('clearmark contents'), root, { name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]),
      crypto.subtle.deriveKey(info('clearmark names'), root, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
        'sign',
      ]),
    ]);
    return { contents, names };
  } finally {
    bits.fill(0);
  }
}

export async function seal(keys: SyncKeys, id: string, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(id) },
    keys.contents,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return { iv: bytesToBase64(iv), data: bytesToBase64(new Uint8Array(data)) };
}

/** The value sealed under `id`; throws when the key, the id or the bytes are not the ones it was sealed with. */
export async function unseal(keys: SyncKeys, id: string, sealed: Sealed): Promise<unknown> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: base64ToBytes(sealed.iv), additionalData: new TextEncoder().encode(id) },
    keys.contents,
    base64ToBytes(sealed.data),
  );
  return JSON.parse(new TextDecoder().decode(plain));
}

/** The check value stored beside the salt. */
export function sealCheck(keys: SyncKeys): Promise<Sealed> {
  return seal(keys, 'check', CHECK_TEXT);
}

/** Whether these keys open the library's check value. */
export async function opensCheck(keys: SyncKeys, check: Sealed): Promise<boolean> {
  try {
    return (await unseal(keys, 'check', check)) === CHECK_TEXT;
  } catch {
    return false;
  }
}

/** A document id that names a record to those holding the key and to no one else. */
export async function sealedName(keys: SyncKeys, key: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', keys.names, new TextEncoder().encode(key)));
  return `x${Array.from(mac.subarray(0, 20), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A document id for an unencrypted library: the record's key, with a page's address hashed to a fixed length. */
export async function plainName(key: string): Promise<string> {
  if (!key.startsWith('p:')) return key;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return `p:${Array.from(digest.subarray(0, 20), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
