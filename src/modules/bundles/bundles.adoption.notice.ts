import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { notify } from '../../platform/notify.ts';
import { regionPrefix } from '../../platform/scope.ts';
import { bundle } from './bundles.schema.ts';

// The in-app notice of a template's new version to the item admins of its adoptions (ADR 0045, 2026-12-07), sent
// by the approval that publishes it (bundles.service.ts), in its transaction.

export const TEMPLATE_UPDATED_NOTICE = 'bundle_template_updated';

/**
 * When a template publishes a later version, each adoption's item admins (active item_admin grants within the
 * adoption's region, of its lead department or of none) are told in the app, in the publishing transaction.
 */
export async function noticeAdopters(tx: Db, template: { id: number; code: string; name: string }, number: number): Promise<number> {
  const adoptions = await tx
    .select()
    .from(bundle)
    .where(sql`${bundle.templateBundleId} = ${template.id} AND ${bundle.status} <> 'abolished'`);
  let told = 0;
  for (const a of adoptions) {
    if (a.templateVersionNumber !== null && a.templateVersionNumber >= number) continue;
    const users = await queryRows<{ id: number }>(
      tx,
      sql`SELECT DISTINCT g.user_id::int AS id FROM pub_accounts_active_grant g
          WHERE g.role = 'item_admin' AND g.region_code IS NOT NULL AND starts_with(g.region_code, ${regionPrefix(a.regionCode)})
            AND (g.department_id IS NULL OR g.department_id = ${a.departmentId})`,
    );
    told += await notify(tx, {
      userIds: users.map((u) => Number(u.id)),
      kind: TEMPLATE_UPDATED_NOTICE,
      title: `模板已更新：${template.name}`,
      body: `上级模板一件事「${template.name}」（${template.code}）已发布第 ${number} 版。贵单位采用该模板的「${a.name}」（${a.code}）可在一件事编辑页查看差异，并一键将变化纳入新的草稿。`,
    });
  }
  return told;
}
