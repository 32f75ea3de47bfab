// One contract, every file store (ADR 0021): the folder (the embedded default) and an S3-compatible bucket (s3rver,
// started here) behave the same to the platform.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { testDatabase } from '../../tests/support/db.ts';
import { startTestS3, type TestS3 } from '../../tests/support/s3.ts';
import type { Database } from './db/db.ts';
import { AppError } from './errors.ts';
import { configuredFileStore, fileStore, folderStore, type FileStore } from './files.ts';
import { s3Blobs, s3Client, s3Key } from './files-s3.ts';
import { sm3Hex } from './crypto.ts';
import { loadConfig } from './config.ts';

const PDF = Buffer.from('%PDF-1.4\n% contract\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);

const code = (expected: string) => (e: unknown) => e instanceof AppError && e.code === expected;

interface Subject {
  store: FileStore;
  /** Removes the bytes behind the store's back (a lost object). */
  lose(digest: string): Promise<void>;
  /** The content type the store keeps with the bytes, where it keeps one. */
  storedType?(digest: string): Promise<string | undefined>;
}

let database: Database;
let s3: TestS3;
let folder: string;
before(async () => {
  database = await testDatabase();
  s3 = await startTestS3();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-files-'));
});
after(async () => {
  await database?.close();
  await s3?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

const subjects: Record<string, () => Subject> = {
  folder: () => ({
    store: folderStore(path.join(folder, 'store'), 1024),
    lose: async (digest) => fs.rmSync(path.join(folder, 'store', digest.slice(0, 2), digest)),
  }),
  s3: () => {
    const client = s3Client(s3.config);
    return {
      store: fileStore(s3Blobs(s3.config, client), 1024),
      lose: async (digest) => void (await client.send(new DeleteObjectCommand({ Bucket: s3.config.bucket, Key: s3Key(s3.config, digest) }))),
      storedType: async (digest) => (await client.send(new HeadObjectCommand({ Bucket: s3.config.bucket, Key: s3Key(s3.config, digest) }))).ContentType,
    };
  },
};

for (const [kind, make] of Object.entries(subjects)) {
  describe(`${kind} store`, () => {
    // Each store gets bytes of its own: the metadata tables are shared by both runs.
    const mine = (b: Buffer) => Buffer.concat([b, Buffer.from(`\n% ${kind}\n`)]);

    test('stores the bytes once by digest, records each upload, reads them back with their type', async () => {
      const { store, storedType } = make();
      const bytes = mine(PDF);
      const first = await store.put(database.db, bytes, '申请表.pdf', { isPublic: false, uploadedBy: null });
      assert.deepEqual({ ...first, uploadId: 0 }, { uploadId: 0, digest: sm3Hex(bytes), size: bytes.length, mime: 'application/pdf', name: '申请表.pdf' });
      const second = await store.put(database.db, bytes, '另一个名字.pdf', { isPublic: false });
      assert.equal(second.digest, first.digest);
      assert.notEqual(second.uploadId, first.uploadId, 'each upload is its own record');
      const read = await store.read(database.db, first.digest);
      assert.deepEqual(read, { data: bytes, mime: 'application/pdf', name: null });
      if (storedType) assert.equal(await storedType(first.digest), 'application/pdf', 'the object carries its content type');
      const png = await store.put(database.db, mine(PNG), 'photo.png', { isPublic: false });
      assert.equal(png.mime, 'image/png');
      if (storedType) assert.equal(await storedType(png.digest), 'image/png');
    });

    test('refuses empty, too large and unknown content', async () => {
      const { store } = make();
      await assert.rejects(store.put(database.db, Buffer.alloc(0), 'a.pdf', { isPublic: false }), code('FILE_EMPTY'));
      await assert.rejects(store.put(database.db, Buffer.concat([PDF, Buffer.alloc(2000)]), 'a.pdf', { isPublic: false }), code('FILE_TOO_LARGE'));
      await assert.rejects(store.put(database.db, Buffer.from('MZ not a document'), 'a.exe', { isPublic: false }), code('FILE_TYPE_NOT_ALLOWED'));
    });

    test('public reads: only bytes with a public upload, named as that upload', async () => {
      const { store } = make();
      const bytes = mine(Buffer.concat([PDF, Buffer.from('% public\n')]));
      const priv = await store.put(database.db, bytes, '私密.pdf', { isPublic: false });
      await assert.rejects(store.read(database.db, priv.digest, { publicOnly: true }), code('FILE_NOT_FOUND'));
      await store.put(database.db, bytes, '空白表格.pdf', { isPublic: true });
      const read = await store.read(database.db, priv.digest, { publicOnly: true });
      assert.equal(read.name, '空白表格.pdf');
      assert.deepEqual(read.data, bytes);
    });

    test('unknown digests and lost bytes are FILE_NOT_FOUND', async () => {
      const { store, lose } = make();
      await assert.rejects(store.read(database.db, 'f'.repeat(64)), code('FILE_NOT_FOUND'));
      const bytes = mine(Buffer.concat([PDF, Buffer.from('% to be lost\n')]));
      const put = await store.put(database.db, bytes, 'lost.pdf', { isPublic: true });
      await lose(put.digest);
      await assert.rejects(store.read(database.db, put.digest), code('FILE_NOT_FOUND'));
      await assert.rejects(store.read(database.db, put.digest, { publicOnly: true }), code('FILE_NOT_FOUND'));
      // Uploading the bytes again restores them.
      await store.put(database.db, bytes, 'lost.pdf', { isPublic: true });
      assert.deepEqual((await store.read(database.db, put.digest)).data, bytes);
    });
  });
}

test('the configuration chooses the store: TONGBAN_FILES=s3://bucket/prefix with its endpoint and keys', async () => {
  const config = loadConfig({
    TONGBAN_FILES: `s3://${s3.config.bucket}/other/prefix/`,
    TONGBAN_S3_ENDPOINT: s3.config.endpoint,
    TONGBAN_S3_ACCESS_KEY_ID: 'S3RVER',
    TONGBAN_S3_SECRET_ACCESS_KEY: 'S3RVER',
  });
  assert.deepEqual(config.s3, { ...s3.config, prefix: 'other/prefix/' });
  const store = await configuredFileStore(config);
  const bytes = Buffer.concat([PDF, Buffer.from('% configured\n')]);
  const put = await store.put(database.db, bytes, 'c.pdf', { isPublic: false });
  const head = await s3Client(s3.config).send(new HeadObjectCommand({ Bucket: s3.config.bucket, Key: `other/prefix/${put.digest.slice(0, 2)}/${put.digest}` }));
  assert.equal(head.ContentLength, bytes.length, 'the object is under the configured prefix');
  assert.equal(loadConfig({}).s3, undefined, 'the folder by default');
  assert.throws(() => loadConfig({ TONGBAN_FILES: 'ftp://x' }), /TONGBAN_FILES must be s3:\/\/bucket/);
  assert.throws(() => loadConfig({ TONGBAN_FILES: 's3://b-1', TONGBAN_S3_ACCESS_KEY_ID: 'k' }), /go together/);
  assert.equal(loadConfig({ TONGBAN_FILES: 's3://bucket-a' }).s3?.forcePathStyle, false, 'AWS: virtual-hosted style');
});
