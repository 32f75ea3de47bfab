import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

// Signing and checking live in sm2-core.mjs, shared with the seal worker threads.
export { SM2_USER_ID, sm2Sign, sm2Verify } from './sm2-core.mjs';

export interface Sm2KeyPair {
  privateKeyHex: string;
  publicKeyHex: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKeyHex: privateKey, publicKeyHex: publicKey };
}

// SubjectPublicKeyInfo: id-ecPublicKey with the SM2 curve (1.2.156.10197.1.301), as OpenSSL writes it.
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

export function publicKeyPem(publicKeyHex: string): string {
  const der = Buffer.concat([SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]);
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim();
  return `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----\n`;
}

/** The uncompressed point (04‖X‖Y, hex) of an SM2 public key in PEM; undefined when it is not one. */
export function publicKeyFromPem(pem: string): string | undefined {
  const b64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  const der = Buffer.from(b64, 'base64');
  if (der.length !== SPKI_PREFIX.length + 65 || !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX) || der[SPKI_PREFIX.length] !== 0x04) return undefined;
  return der.subarray(SPKI_PREFIX.length).toString('hex');
}

/** SM4-CBC under the master key (16 bytes): private keys are encrypted at rest. Output: iv ‖ ciphertext, hex. */
export function sm4Encrypt(plain: string, masterKey: Buffer): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', masterKey, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('hex');
}

export function sm4Decrypt(sealed: string, masterKey: Buffer): string {
  const data = Buffer.from(sealed, 'hex');
  const decipher = createDecipheriv('sm4-cbc', masterKey, data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
}
