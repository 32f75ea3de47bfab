import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from './db/db.ts';
import { fileUpload, storedFile } from './db/platform.schema.ts';
import { sm3Hex } from './crypto.ts';
import { defineErrors } from './errors.ts';
import type { Config } from './config.ts';

export const fileErrors = defineErrors({
  FILE_NOT_FOUND: { status: 404, zh: '文件不存在', en: 'No such file' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, zh: '不支持的文件类型（仅限 PDF、JPEG、PNG、OFD）', en: 'File type not allowed (PDF, JPEG, PNG, OFD only)' },
  FILE_EMPTY: { status: 400, zh: '文件为空', en: 'The file is empty' },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
});

/** The types an upload may have (sniffType tells which). */
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'] as const;

/** The type of a file from its first bytes, never from its name: PDF, JPEG, PNG, or OFD (a ZIP with OFD.xml). */
export function sniffType(data: Buffer): string | undefined {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0x50 && data[1] === 0x4b && data.includes(Buffer.from('OFD.xml'))) return 'application/ofd';
  return undefined;
}

export interface StoredUpload {
  uploadId: number;
  digest: string;
  size: number;
  mime: string;
  name: string;
}

export interface FileStore {
  /** Stores the bytes once (by digest) and records this upload with its own name and visibility. */
  put(db: Db, data: Buffer, name: string, opts: { isPublic: boolean; uploadedBy?: number | null }): Promise<StoredUpload>;
  /**
   * The bytes of a digest. With `publicOnly`, only when some upload of them is public (FILE_NOT_FOUND otherwise), named
   * as that public upload; otherwise the caller names the file from its own record (a case material's file name).
   */
  read(db: Db, digest: string, opts?: { publicOnly?: boolean }): Promise<{ data: Buffer; mime: string; name: string | null }>;
}

/**
 * Where the bytes live, by SM3 digest; the metadata (type, uploads, names, visibility) is in the database whatever the
 * place, so every store behaves the same (files.test.ts runs one contract against each).
 */
export interface BlobStore {
  /** Stores the bytes under their digest; storing the same digest again changes nothing. */
  write(digest: string, data: Buffer, mime: string): Promise<void>;
  /** The bytes, or undefined when the store has none under this digest. */
  read(digest: string): Promise<Buffer | undefined>;
}

/** A file store over any blob store: checks the bytes (size, type from the content), records stored file and upload. */
export function fileStore(blobs: BlobStore, maxBytes = 20 * 1024 * 1024): FileStore {
  return {
    async put(db, data, name, opts) {
      if (data.length === 0) throw fileErrors.FILE_EMPTY();
      if (data.length > maxBytes) throw fileErrors.FILE_TOO_LARGE({ maxBytes });
      const mime = sniffType(data);
      if (!mime) throw fileErrors.FILE_TYPE_NOT_ALLOWED();
      const digest = sm3Hex(data);
      // The bytes first: a stored_file row always names bytes that were written.
      await blobs.write(digest, data, mime);
      await db.insert(storedFile).values({ digest, size: data.length, mime }).onConflictDoNothing();
      const [upload] = await db
        .insert(fileUpload)
        .values({ digest, name, isPublic: opts.isPublic, uploadedBy: opts.uploadedBy ?? null })
        .returning({ id: fileUpload.id });
      return { uploadId: upload.id, digest, size: data.length, mime, name };
    },
    async read(db, digest, opts = {}) {
      const [row] = await db.select().from(storedFile).where(eq(storedFile.digest, digest));
      if (!row) throw fileErrors.FILE_NOT_FOUND({ digest });
      let name: string | null = null;
      if (opts.publicOnly) {
        const [upload] = await db
          .select({ name: fileUpload.name })
          .from(fileUpload)
          .where(and(eq(fileUpload.digest, digest), eq(fileUpload.isPublic, true)))
          .orderBy(desc(fileUpload.id))
          .limit(1);
        if (!upload) throw fileErrors.FILE_NOT_FOUND({ digest });
        name = upload.name;
      }
      const data = await blobs.read(digest);
      if (!data) throw fileErrors.FILE_NOT_FOUND({ digest });
      return { data, mime: row.mime, name };
    },
  };
}

/** Blobs in a folder, named by digest with a two-level fan-out; written to a temporary name and renamed into place. */
export function folderBlobs(root: string): BlobStore {
  const pathOf = (digest: string) => path.join(root, digest.slice(0, 2), digest);
  return {
    async write(digest, data) {
      const file = pathOf(digest);
      if (fs.existsSync(file)) return;
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await fs.promises.writeFile(tmp, data);
      await fs.promises.rename(tmp, file);
    },
    async read(digest) {
      try {
        return await fs.promises.readFile(pathOf(digest));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
  };
}

/** Files in a folder (the embedded default), with their metadata in `stored_file` and `file_upload`. */
export function folderStore(root: string, maxBytes?: number): FileStore {
  return fileStore(folderBlobs(root), maxBytes);
}

/**
 * The store the configuration names: an S3-compatible bucket (TONGBAN_FILES=s3://…, several machines share it), or the
 * folder. The S3 client loads only when it is used.
 */
export async function configuredFileStore(config: Pick<Config, 'filesDir' | 's3'>): Promise<FileStore> {
  if (!config.s3) return folderStore(config.filesDir);
  const { s3Blobs } = await import('./files-s3.ts');
  return fileStore(s3Blobs(config.s3));
}

export async function findStoredFile(db: Db, digest: string) {
  const [row] = await db.select().from(storedFile).where(eq(storedFile.digest, digest));
  return row;
}

/** One upload by its id (the id a module's record keeps as its file), if there is one. */
export async function findUpload(db: Db, id: number) {
  const [row] = await db.select().from(fileUpload).where(eq(fileUpload.id, id));
  return row;
}

/** An upload of these bytes by this user, if there is one (a document one refers to must be one's own upload). */
export async function findOwnUpload(db: Db, digest: string, userId: number) {
  const [row] = await db
    .select()
    .from(fileUpload)
    .where(and(eq(fileUpload.digest, digest), eq(fileUpload.uploadedBy, userId)))
    .limit(1);
  return row;
}
