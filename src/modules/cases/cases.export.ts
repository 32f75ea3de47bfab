import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { caseContent, caseEvents, caseMaterials, caseSteps, getCase } from './cases.repository.ts';
import type { CaseExport } from './cases.types.ts';

/**
 * A case in the national data shape: the datasets of GB/T 39046-2020 §6.2–6.5 as the national upload schema names
 * them (up_pro_accept, up_pro_process, up_pro_special_procedure, up_pro_result, up_pro_material). Dates are
 * 日期型 YYYYMMDD and 日期时间型 YYYYMMDDThhmmss (China time).
 */
function dt(value: string | null | undefined): string | null {
  if (!value) return null;
  const d = new Date(value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  const local = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}T${local.slice(11, 13)}${local.slice(14, 16)}${local.slice(17, 19)}`;
}
const day = (value: string | null | undefined) => (value ? value.replaceAll('-', '') : null);

const EVENT_NAME: Record<string, string> = { pass: '通过', return: '退回', fail: '其他' };

export async function exportCase(db: Db, number: string): Promise<CaseExport> {
  const row = await getCase(db, number);
  const [content, events, materials, steps, [impl]] = await Promise.all([
    caseContent(db, row),
    caseEvents(db, row.id),
    caseMaterials(db, row.id),
    caseSteps(db, row.id),
    queryRows<{ code: string; dept_name: string; uscc: string }>(
      db,
      sql`SELECT i.code, d.name AS dept_name, d.uscc FROM pub_catalog_implementation i JOIN pub_regions_department d ON d.id = i.department_id WHERE i.id = ${row.implementationId}`,
    ),
  ]);
  const accepted = events.find((e) => e.type === 'accepted');
  const decided = events.find((e) => e.type === 'decided' || e.type === 'refused' || e.type === 'withdrawn');
  const specials: CaseExport['up_pro_special_procedure'] = [];
  for (const e of events) {
    if (e.type === 'special_started')
      specials.push({
        special_type: '2',
        start_time: dt(e.at),
        end_time: null,
        reason: (e.data as { reason?: string }).reason ?? null,
        special_name: (e.data as { kind?: string }).kind ?? null,
      });
    if (e.type === 'special_ended' && specials.length) specials[specials.length - 1].end_time = dt(e.at);
    if (e.type === 'extension_granted')
      specials.push({
        special_type: '1',
        start_time: dt(e.at),
        end_time: null,
        reason: (e.data as { reason?: string }).reason ?? null,
        special_name: '延长审批',
      });
  }
  const supplied = new Map(materials.map((m) => [m.materialKey, m]));
  return {
    up_pro_accept: {
      project_no: row.number,
      task_code: impl.code,
      task_name: content.name,
      project_type: content.caseType,
      apply_name: row.applicantName,
      apply_cardtype: row.applicantIdType,
      apply_cardnumber: row.applicantIdNumber,
      contact_name: row.contactName,
      contact_phone: row.contactPhone,
      apply_from: row.channel,
      apply_time: dt(row.receivedAt),
      area_code: row.regionCode,
      accept_dept_name: impl.dept_name,
      accept_dept_code: impl.uscc,
      accept_user: accepted?.actorName ?? null,
      accept_time: dt(accepted?.at),
      accept_date: day(row.acceptedOn),
      deemed_accepted: row.deemedAccepted ? '1' : '0',
    },
    up_pro_process: steps
      .filter((s) => s.completedAt)
      .map((s) => ({
        node_name: s.name,
        event_name: EVENT_NAME[s.result ?? ''] ?? '其他',
        handler_id: s.assigneeUserId,
        opinion: s.opinion,
        start_time: dt(s.startedAt),
        end_time: dt(s.completedAt),
        handle_dept: impl.dept_name,
        node_status: '2',
      })),
    up_pro_special_procedure: specials,
    up_pro_result: decided
      ? {
          result_code: row.outcome,
          result_desc: row.outcomeReason,
          handler: decided.actorName,
          finish_time: dt(decided.at),
          finish_date: day(row.decidedOn),
          is_express: row.deliveryMethod === 'post' ? '1' : '0',
          express_no: row.trackingNumber,
          is_fee: content.fees.length ? '1' : '0',
        }
      : null,
    up_pro_material: content.materials.map((m) => {
      const s = supplied.get(m.key);
      return {
        material_name: m.name,
        is_need: m.required ? '1' : '0',
        is_collected: s && s.mode !== 'gap' ? '1' : '0',
        collect_type: s?.mode ?? null,
        collect_count: s && s.mode !== 'gap' ? 1 : 0,
        collect_time: dt(s?.updatedAt),
      };
    }),
  };
}
