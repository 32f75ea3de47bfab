import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { FileStore } from '../../platform/files.ts';
import { can } from '../../platform/permissions.ts';
import type { ImplementationContent } from '../catalog/index.ts';
import { caseErrors } from './cases.errors.ts';
import type { CaseStatus } from './cases.state.ts';
import { assertOwner, type Actor } from './cases.act.ts';
import {
  addEvent,
  caseContent,
  findMaterial,
  hasOpenCorrection,
  lockCase,
  saveMaterialRow,
  updateCase,
  type CaseRow,
  type MaterialValues,
} from './cases.repository.ts';

// Materials: uploaded, pledged (告知承诺), owed (容缺) and supplied later.

const APPLICANT_CAN_CHANGE: CaseStatus[] = ['draft', 'correction_requested', 'in_review'];

async function openMaterial(tx: Db, actor: Actor, number: string, key: string) {
  const row = await lockCase(tx, number);
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  const isClerkAtWindow = row.channel === 'window' && can(actor.grants, 'cases.accept', { regionCode: row.regionCode });
  if (!isClerkAtWindow) assertOwner(row, actor.userId);
  if (!APPLICANT_CAN_CHANGE.includes(row.status as CaseStatus) && !(isClerkAtWindow && row.status === 'submitted')) {
    throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'material' });
  }
  const content = await caseContent(tx, row);
  const material = content.materials.find((m) => m.key === key);
  if (!material) throw caseErrors.CASE_MATERIAL_UNKNOWN({ key });
  const existing = await findMaterial(tx, row.id, key);
  if (row.status === 'in_review' && existing?.mode !== 'gap' && !(await hasOpenCorrection(tx, row.id))) {
    throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'material' });
  }
  return { row, material, existing };
}

async function saveMaterial(tx: Db, actor: Actor, row: CaseRow, key: string, values: MaterialValues, wasGap: boolean) {
  await saveMaterialRow(tx, row.id, key, values);
  if (wasGap) {
    await addEvent(tx, row, { userId: actor.userId, name: actor.displayName }, 'gap_supplied', { materialKey: key });
    await updateCase(tx, row.id, { version: row.version + 1 });
  }
  await writeAudit(tx, actor.ctx, {
    action: wasGap ? 'case.supply_gap' : `case.material.${values.mode}`,
    targetType: 'case',
    targetId: row.number!,
    change: { key, mode: values.mode, digest: values.fileDigest ?? null },
  });
}

/** Stores an uploaded material (PDF, JPEG, PNG or OFD, checked from its content) by its SM3 digest, privately. */
export async function uploadMaterial(db: Db, files: FileStore, actor: Actor, number: string, key: string, data: Buffer, fileName: string) {
  // Who may upload is checked before a byte is stored.
  await db.transaction((tx) => openMaterial(tx, actor, number, key));
  const stored = await files.put(db, data, fileName, { isPublic: false });
  return db.transaction(async (tx) => {
    const { row, existing } = await openMaterial(tx, actor, number, key);
    await saveMaterial(
      tx,
      actor,
      row,
      key,
      { mode: 'upload', fileDigest: stored.digest, fileName, pledgeText: null, licenseRef: null },
      existing?.mode === 'gap',
    );
    return { key, mode: 'upload', digest: stored.digest, size: stored.size, mime: stored.mime };
  });
}

/** 告知承诺: the applicant pledges instead of supplying a proof; the pledge text is recorded as signed. */
export function pledgeText(materialName: string, applicantName: string): string {
  return `本人（单位）${applicantName}郑重承诺：已知悉“${materialName}”的证明义务和证明内容，本人（单位）符合相关条件，所填写、提交的信息真实、准确、完整；如有虚假，愿意承担不予行政许可、撤销行政许可等法律责任，并同意将不实承诺记入信用记录。`;
}

export async function pledgeMaterial(db: Db, actor: Actor, number: string, key: string) {
  return db.transaction(async (tx) => {
    const { row, material, existing } = await openMaterial(tx, actor, number, key);
    if (!material.pledgeAllowed) throw caseErrors.CASE_PLEDGE_NOT_ALLOWED({ key });
    const text = pledgeText(material.name, row.applicantName);
    await saveMaterial(tx, actor, row, key, { mode: 'pledge', pledgeText: text, fileDigest: null, fileName: null, licenseRef: null }, existing?.mode === 'gap');
    return { key, mode: 'pledge', pledgeText: text };
  });
}

/** Required materials of the item not supplied (material key → mode), nor allowed to be owed (容缺) as `owed`. */
export function missingMaterials(content: ImplementationContent, supplied: Map<string, string>, owed: Set<string>) {
  return content.materials.filter((m) => m.required && !owed.has(m.key) && (!supplied.has(m.key) || supplied.get(m.key) === 'gap')).map((m) => m.key);
}
