// sm2Sign/sm2Verify hash with a cached Z and node:crypto's SM3; their signatures must stay interchangeable with the
// library's own (Z recomputed, SM3 in JavaScript) in both directions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sm2 } from 'sm-crypto-v2';
import { generateSm2KeyPair, sm2Sign, sm2Verify, SM2_USER_ID } from './sm2.ts';

test('SM2 seals interoperate with sm-crypto-v2 hashing the message itself', () => {
  const keys = generateSm2KeyPair();
  const other = generateSm2KeyPair();
  for (const message of ['', '{"identifier":"1.2.156.3005.2.x"}', '电子证照 '.repeat(200)]) {
    const ours = sm2Sign(message, keys);
    const hex = Buffer.from(ours, 'base64').toString('hex');
    assert.ok(sm2.doVerifySignature(Buffer.from(message, 'utf8'), hex, keys.publicKeyHex, { der: true, hash: true, userId: SM2_USER_ID }));
    const theirs = sm2.doSignature(Buffer.from(message, 'utf8'), keys.privateKeyHex, {
      der: true,
      hash: true,
      publicKey: keys.publicKeyHex,
      userId: SM2_USER_ID,
    });
    assert.ok(sm2Verify(message, Buffer.from(theirs, 'hex').toString('base64'), keys.publicKeyHex));
    assert.ok(!sm2Verify(message + 'x', ours, keys.publicKeyHex));
    assert.ok(!sm2Verify(message, ours, other.publicKeyHex));
  }
  assert.equal(sm2Verify('x', 'not a signature', keys.publicKeyHex), false);
  assert.equal(sm2Verify('x', sm2Sign('x', keys), 'not a key'), false);
});
