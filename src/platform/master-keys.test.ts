import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, masterKeyRing, previousMasterKeys } from './config.ts';
import { keyRing, knownKeys, masterKeyId } from './master-keys.ts';

const A = '00112233445566778899aabbccddeeff';
const B = 'ffeeddccbbaa99887766554433221100';
const C = '0123456789abcdef0123456789abcdef';
const key = (hex: string) => Buffer.from(hex, 'hex');

test('a key id is a fixed fingerprint of the key: the same key the same id, another key another, the key not in it', () => {
  assert.equal(masterKeyId(key(A)), masterKeyId(Buffer.from(A.toUpperCase(), 'hex')));
  assert.match(masterKeyId(key(A)), /^[0-9a-f]{16}$/);
  assert.notEqual(masterKeyId(key(A)), masterKeyId(key(B)));
  assert.ok(!A.includes(masterKeyId(key(A))));
});

test('the ring holds the current key first and each previous key once, never the current one again', () => {
  const ring = keyRing(key(B), [key(A), key(B), key(A), key(C)]);
  assert.equal(ring.current.id, masterKeyId(key(B)));
  assert.deepEqual(
    ring.previous.map((k) => k.id),
    [masterKeyId(key(A)), masterKeyId(key(C))],
  );
  assert.deepEqual(
    knownKeys(ring).map((k) => k.id),
    [B, A, C].map((k) => masterKeyId(key(k))),
  );
});

test('TONGBAN_MASTER_KEY_PREVIOUS is a comma list of old keys; a malformed one stops the start naming its place', () => {
  const config = loadConfig({ TONGBAN_MASTER_KEY: B, TONGBAN_MASTER_KEY_PREVIOUS: ` ${A} , ${C},` });
  assert.deepEqual(config.previousMasterKeysHex, [A, C]);
  assert.deepEqual(
    previousMasterKeys(config).map((k) => k.toString('hex')),
    [A, C],
  );
  assert.deepEqual(
    masterKeyRing(config).previous.map((k) => k.id),
    [A, C].map((k) => masterKeyId(key(k))),
  );
  assert.deepEqual(loadConfig({ TONGBAN_MASTER_KEY: B }).previousMasterKeysHex, [], 'none by default');
  assert.throws(() => previousMasterKeys(loadConfig({ TONGBAN_MASTER_KEY: B, TONGBAN_MASTER_KEY_PREVIOUS: `${A},not-a-key` })), /key 2 must be 32 hexadecimal/);
});
