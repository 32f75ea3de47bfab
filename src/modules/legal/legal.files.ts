import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { queryRows } from '../../platform/db/db.ts';
import type { RequestContext } from '../../platform/context.ts';
import { fileErrors, findUpload } from '../../platform/files.ts';
import { can, type RoleGrant, type Scope } from '../../platform/permissions.ts';
import { legalErrors } from './legal.errors.ts';

/**
 * The files of rule-of-law records (a review opinion, minutes, a filing): uploaded through the module, never public,
 * kept by the record as the upload's id (ADR 0042). A record takes only an upload of the one who records it or of
 * someone of the same department, so that no record lends its readers a file of another office; a file is read by
 * whoever may read a record that keeps it (the uploader reads it also before it is attached).
 */

/**
 * Refuses (LEGAL_FILE_INVALID, 400) a file id that names no upload, or an upload neither by the actor nor by someone
 * holding a grant in a department the actor holds one in. Called inside the record's transaction, before it is written.
 */
export async function assertRecordFile(tx: Db, ctx: RequestContext, fileId: number | null | undefined): Promise<void> {
  if (fileId === null || fileId === undefined) return;
  const upload = await findUpload(tx, fileId);
  const by = upload?.uploadedBy === null || upload?.uploadedBy === undefined ? null : Number(upload.uploadedBy);
  const actor = ctx.actor.id === null ? null : Number(ctx.actor.id);
  if (by !== null && actor !== null && (by === actor || (await shareDepartment(tx, by, actor)))) return;
  throw legalErrors.LEGAL_FILE_INVALID({ fileId });
}

async function shareDepartment(db: Db, a: number, b: number): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`SELECT 1 AS one FROM pub_accounts_active_grant ga JOIN pub_accounts_active_grant gb ON gb.department_id = ga.department_id
        WHERE ga.user_id = ${a} AND gb.user_id = ${b} AND ga.department_id IS NOT NULL LIMIT 1`,
  );
  return rows.length > 0;
}

/** The region and department of every record that keeps this upload as its file (document steps, 三重一大 meetings). */
async function scopesKeeping(db: Db, fileId: number): Promise<Scope[]> {
  const rows = await queryRows<{ region_code: string; department_id: number }>(
    db,
    sql`SELECT d.region_code, d.department_id::int AS department_id
          FROM legal_document_step s JOIN legal_document d ON d.id = s.document_id WHERE s.file_id = ${fileId}
        UNION
        SELECT m.region_code, m.department_id::int FROM legal_meeting m WHERE m.file_id = ${fileId}`,
  );
  return rows.map((r) => ({ regionCode: r.region_code, departmentId: Number(r.department_id) }));
}

export type FileAccess =
  | { ok: true; digest: string; name: string }
  | { ok: false; scope: Scope } // kept only by records outside the reader's scope: refused as those reads are (403)
  | { ok: false; scope: null }; // no such upload, or one kept by no record and not the reader's: FILE_NOT_FOUND

/** Whether a reader with these grants may read upload `fileId`, and what to send if so. */
export async function fileAccess(db: Db, reader: { userId: number; grants: readonly RoleGrant[] }, fileId: number): Promise<FileAccess> {
  const upload = await findUpload(db, fileId);
  if (!upload) throw fileErrors.FILE_NOT_FOUND({ fileId });
  const scopes = await scopesKeeping(db, fileId);
  const own = upload.uploadedBy !== null && Number(upload.uploadedBy) === reader.userId;
  if (own || scopes.some((s) => can(reader.grants, 'legal.read', s))) return { ok: true, digest: upload.digest, name: upload.name };
  return { ok: false, scope: scopes[0] ?? null };
}

/**
 * A Content-Disposition that carries the upload's own name: an ASCII fallback for old clients and the UTF-8 name
 * (RFC 6266 with RFC 5987's `filename*`) for a Chinese one.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
