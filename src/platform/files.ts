import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from './db/db.ts';
import { fileUpload, storedFile } from './db/platform.schema.ts';
import { sm3Hex } from './crypto.ts';
import { defineErrors } from './errors.ts';

export const fileErrors = defineErrors({
  FILE_NOT_FOUND: { status: 404, zh: '文件不存在', en: 'No such file' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, zh: '不支持的文件类型（仅限 PDF、JPEG、PNG、OFD）', en: 'File type not allowed (PDF, JPEG, PNG, OFD only)' },
  FILE_EMPTY: { status: 400, zh: '文件为空', en: 'The file is empty' },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
});

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

/** Files in a folder, named by SM3 digest (two-level fan-out), with their metadata in `stored_file` and `file_upload`. */
export function folderStore(root: string, maxBytes = 20 * 1024 * 1024): FileStore {
  const pathOf = (digest: string) => path.join(root, digest.slice(0, 2), digest);
  return {
    async put(db, data, name, opts) {
      if (data.length === 0) throw fileErrors.FILE_EMPTY();
      if (data.length > maxBytes) throw fileErrors.FILE_TOO_LARGE({ maxBytes });
      const mime = sniffType(data);
      if (!mime) throw fileErrors.FILE_TYPE_NOT_ALLOWED();
      const digest = sm3Hex(data);
      const file = pathOf(digest);
      if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, data);
        fs.renameSync(tmp, file);
      }
      await db.insert(storedFile).values({ digest, size: data.length, mime }).onConflictDoNothing();
      const [upload] = await db
        .insert(fileUpload)
        .values({ digest, name, isPublic: opts.isPublic, uploadedBy: opts.uploadedBy ?? null })
        .returning({ id: fileUpload.id });
      return { uploadId: upload.id, digest, size: data.length, mime, name };
    },
    async read(db, digest, opts = {}) {
      const [row] = await db.select().from(storedFile).where(eq(storedFile.digest, digest));
      if (!row || !fs.existsSync(pathOf(digest))) throw fileErrors.FILE_NOT_FOUND({ digest });
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
      return { data: fs.readFileSync(pathOf(digest)), mime: row.mime, name };
    },
  };
}

export async function findStoredFile(db: Db, digest: string) {
  const [row] = await db.select().from(storedFile).where(eq(storedFile.digest, digest));
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
