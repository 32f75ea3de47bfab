import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { effectiveStatus, findLicense, findValidLicense, licenseErrors, recordUse, sealValid, shapeLicense } from '../licenses/index.ts';
import { caseMaterial, serviceCase } from './cases.schema.ts';
import { caseErrors } from './cases.errors.ts';
import type { Actor } from './cases.act.ts';
import { caseContent, getCase } from './cases.repository.ts';
import { assertCanView, type Viewer } from './cases.views.ts';

/**
 * 免证可办: where a material's source is a licence type, the platform offers the holder's valid licence of that type;
 * after the holder confirms, it is attached instead of an upload, and every fetch is logged for the holder to see.
 */
/** Only the holder's own account sees and consents: an agent acts for the applicant, not for the holder's licences. */
function assertHolder(row: { ownerUserId: number | null }, userId: number) {
  if (row.ownerUserId !== userId) throw licenseErrors.LICENSE_NOT_YOURS();
}

export async function licenseCandidates(db: Db, actor: Actor, number: string) {
  const row = await getCase(db, number);
  assertHolder(row, actor.userId);
  const content = await caseContent(db, row);
  const out = [];
  for (const m of content.materials.filter((x) => x.source === 'license' && x.licenseTypeCode)) {
    const l = await findValidLicense(db, row.applicantIdNumber, m.licenseTypeCode!);
    out.push({ key: m.key, name: m.name, licenseTypeCode: m.licenseTypeCode, license: l ? shapeLicense(l) : null });
  }
  return out;
}

export async function attachLicense(db: Db, actor: Actor, number: string, key: string, identifier: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(serviceCase).where(eq(serviceCase.number, number)).for('update');
    if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
    assertHolder(row, actor.userId);
    if (!['draft', 'correction_requested'].includes(row.status)) throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'attach_license' });
    const material = (await caseContent(tx, row)).materials.find((m) => m.key === key);
    if (!material) throw caseErrors.CASE_MATERIAL_UNKNOWN({ key });
    const l = await findLicense(tx, identifier);
    if (!l || material.source !== 'license' || l.typeCode !== material.licenseTypeCode) throw licenseErrors.LICENSE_NOT_NEEDED({ key, identifier });
    if (l.holderIdNumber !== row.applicantIdNumber) throw licenseErrors.LICENSE_NOT_YOURS();
    if (effectiveStatus(l) !== 'valid') throw licenseErrors.LICENSE_ILLEGAL_TRANSITION({ status: effectiveStatus(l) });
    await tx
      .insert(caseMaterial)
      .values({ caseId: row.id, materialKey: key, mode: 'license', licenseRef: l.identifier })
      .onConflictDoUpdate({
        target: [caseMaterial.caseId, caseMaterial.materialKey],
        set: { mode: 'license', licenseRef: l.identifier, fileDigest: null, fileName: null, pledgeText: null, updatedAt: sql`now()` },
      });
    await recordUse(tx, {
      licenseId: l.id,
      caseNumber: number,
      userId: actor.userId,
      userName: actor.displayName,
      purpose: `免证可办：持证人授权用于“${material.name}”`,
    });
    await writeAudit(tx, actor.ctx, { action: 'case.material.license', targetType: 'case', targetId: number, change: { key, identifier: l.identifier } });
    return { key, mode: 'license', identifier: l.identifier };
  });
}

/** The department reads the attached licence, verified; only for a case that needs it. Every read is logged. */
export async function fetchLicenseForCase(db: Db, actor: Actor, viewer: Viewer, number: string, key: string) {
  const row = await getCase(db, number);
  assertCanView(viewer, row);
  const [m] = await db
    .select()
    .from(caseMaterial)
    .where(and(eq(caseMaterial.caseId, row.id), eq(caseMaterial.materialKey, key)));
  if (!m || m.mode !== 'license' || !m.licenseRef) throw licenseErrors.LICENSE_NOT_NEEDED({ key });
  const l = await findLicense(db, m.licenseRef);
  if (!l) throw licenseErrors.LICENSE_NOT_FOUND({ identifier: m.licenseRef });
  await db.transaction(async (tx) => {
    await recordUse(tx, { licenseId: l.id, caseNumber: number, userId: actor.userId, userName: actor.displayName, purpose: `部门核验：办件 ${number}` });
    await writeAudit(tx, actor.ctx, { action: 'license.fetch', targetType: 'license', targetId: l.identifier, change: { caseNumber: number, key } });
  });
  return { ...shapeLicense(l), sealValid: await sealValid(db, l) };
}
