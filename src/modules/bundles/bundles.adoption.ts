import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { findImplementationByCode, getVersion } from '../catalog/index.ts';
import { bundle, bundleVersion } from './bundles.schema.ts';
import { bundleErrors } from './bundles.errors.ts';
import { createBundle } from './bundles.service.ts';
import { mapContent, mergeTemplateChange } from './bundles.adoption.core.ts';
import { factsOf, versionRow } from './bundles.harmonisation.ts';
import { harmonisationTable } from './bundles.harmonisation.core.ts';
import { bundleContentSchema, type BundleContent } from './bundles.types.ts';

// Adopting a city's bundle from the web, and the city's later versions pushed down to the adoptions (ADR 0045,
// 2026-12-07). The mapping and the merge are pure (bundles.adoption.core.ts); this finds the district's
// implementations and keeps the row versions and the audit.

type BundleRow = typeof bundle.$inferSelect;

/** The published template by code (a bundle adopting none), with its published version. */
async function templateByCode(db: Db, code: string, regionCode: string) {
  const [t] = await db.select().from(bundle).where(eq(bundle.code, code));
  if (!t || t.status !== 'published' || t.templateBundleId !== null || !t.publishedVersionId)
    throw bundleErrors.BUNDLE_TEMPLATE_INVALID({ templateCode: code, regionCode });
  const [v] = await db.select().from(bundleVersion).where(eq(bundleVersion.id, t.publishedVersionId));
  return { t, v };
}

interface Own {
  code: string;
  name: string;
  reason: 'mapped' | 'none' | 'form';
  to: string | null;
}

/**
 * For each of the template's implementations: the district's own published implementation of the same base item
 * (in the district's region exactly), if it answers every member field the template's merged form maps for it.
 */
async function ownImplementations(db: Db, content: BundleContent, regionCode: string): Promise<Map<string, Own>> {
  const out = new Map<string, Own>();
  for (const m of content.members) {
    const impl = await findImplementationByCode(db, m.implementationCode);
    const name = impl?.name ?? m.implementationCode;
    const [own] = impl
      ? await queryRows<{ code: string; versionId: number }>(
          db,
          sql`SELECT i.code, i.published_version_id::int AS "versionId" FROM pub_catalog_implementation i
              WHERE i.base_item_id = ${impl.baseItemId} AND i.region_code = ${regionCode} AND i.status = 'published'
                AND i.published_version_id IS NOT NULL AND i.code <> ${impl.code}
              ORDER BY i.code LIMIT 1`,
        )
      : [];
    if (!own) {
      out.set(m.implementationCode, { code: m.implementationCode, name, reason: 'none', to: null });
      continue;
    }
    const form = (await getVersion(db, Number(own.versionId))).content.form;
    const needed = content.fields.flatMap((f) => f.maps.filter((x) => x.member === m.key).map((x) => x.field));
    const answers = needed.every((f) => f in form.properties);
    out.set(m.implementationCode, { code: m.implementationCode, name, reason: answers ? 'mapped' : 'form', to: answers ? own.code : null });
  }
  return out;
}

const ownMap = (own: Map<string, Own>) => new Map([...own].flatMap(([from, o]) => (o.to ? [[from, o.to] as const] : [])));

/**
 * A district adopts a city's bundle (ADR 0045) in one step: a new bundle of its own whose first draft is the
 * template's published definition with each member mapped to the district's own implementation of the item where
 * there is one; the members that cannot be mapped keep the template's implementation and are listed, for the item
 * admin to edit in the form editor.
 */
export async function adoptBundleTemplate(
  tx: Db,
  ctx: RequestContext,
  input: { templateCode: string; code: string; regionCode: string; departmentId: number },
) {
  const { t, v } = await templateByCode(tx, input.templateCode, input.regionCode);
  const template = v.content as BundleContent;
  const own = await ownImplementations(tx, template, input.regionCode);
  const { content, mappings } = mapContent(template, ownMap(own));
  const created = await createBundle(tx, ctx, {
    code: input.code,
    regionCode: input.regionCode,
    departmentId: input.departmentId,
    templateCode: t.code,
    content,
  });
  return {
    ...created,
    templateCode: t.code,
    templateVersion: v.number,
    mappings: mappings.map((m) => {
      const o = own.get(m.from)!;
      return { member: m.member, name: o.name, from: m.from, to: m.to, reason: o.reason };
    }),
  };
}

async function adoptionOf(db: Db, id: number): Promise<{ b: BundleRow; t: BundleRow | undefined }> {
  const [b] = await db.select().from(bundle).where(eq(bundle.id, id));
  if (!b) throw bundleErrors.BUNDLE_NOT_FOUND({ id });
  if (b.templateBundleId === null) return { b, t: undefined };
  const [t] = await db.select().from(bundle).where(eq(bundle.id, b.templateBundleId));
  return { b, t };
}

const publishedNumber = async (db: Db, t: BundleRow) =>
  t.publishedVersionId ? (await db.select().from(bundleVersion).where(eq(bundleVersion.id, t.publishedVersionId)))[0]?.number : undefined;

/**
 * 模板已更新: whether the template of an adoption published a later version than the one it follows, and what the
 * template changed between the two, element by element (as harmonisation compares bundles).
 */
export async function templateStatus(db: Db, id: number) {
  const { b, t } = await adoptionOf(db, id);
  const none = {
    adopted: false,
    templateCode: null,
    templateName: null,
    templateRegionName: null,
    followsVersion: null,
    publishedVersion: null,
    updated: false,
    mayTake: false,
    differences: [],
  };
  if (!t) return none;
  const published = t.status === 'published' ? await publishedNumber(db, t) : undefined;
  const follows = b.templateVersionNumber;
  const updated = published !== undefined && follows !== null && published > follows;
  const [latest] = b.latestVersionId ? await db.select().from(bundleVersion).where(eq(bundleVersion.id, b.latestVersionId)) : [];
  const [region] = await queryRows<{ name: string }>(db, sql`SELECT r.name FROM pub_regions_region r WHERE r.code = ${t.regionCode}`);
  const differences = [];
  if (updated) {
    const before = await versionRow(db, t.id, follows);
    const after = await versionRow(db, t.id, published);
    if (before && after) {
      const table = harmonisationTable([
        { key: 'before', facts: await factsOf(db, before) },
        { key: 'after', facts: await factsOf(db, after) },
      ]);
      for (const r of table.filter((x) => x.differs))
        differences.push({ element: r.element, before: r.cells[0].value, after: r.cells[1].value, added: r.cells[1].extra, removed: r.cells[1].missing });
    }
  }
  return {
    adopted: true,
    templateCode: t.code,
    templateName: t.name,
    templateRegionName: region?.name ?? null,
    followsVersion: follows,
    publishedVersion: published ?? null,
    updated,
    mayTake: updated && b.status !== 'abolished' && (latest?.status === 'published' || latest?.status === 'suspended'),
    differences,
  };
}

/**
 * Takes the template's later version into a new draft of the adoption, in one action (its published version never
 * changes): what the template changed since the version followed replaces the adoption's own, the rest stays as the
 * district has it (a three-way merge, bundles.adoption.core.ts), members mapped to the district's implementations.
 * `version`: the bundle's row version. One audit entry.
 */
export async function takeTemplateChanges(db: Db, ctx: RequestContext, id: number, input: { version: number }) {
  return db.transaction(async (tx) => {
    const [b] = await tx.select().from(bundle).where(eq(bundle.id, id)).for('update');
    if (!b) throw bundleErrors.BUNDLE_NOT_FOUND({ id });
    if (b.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: b.version });
    const [latest] = await tx.select().from(bundleVersion).where(eq(bundleVersion.id, b.latestVersionId!)).for('update');
    const { t } = await adoptionOf(tx, id);
    const published = t && t.status === 'published' ? await publishedNumber(tx, t) : undefined;
    const follows = b.templateVersionNumber;
    if (!t || published === undefined || follows === null || published <= follows)
      throw bundleErrors.BUNDLE_TEMPLATE_CURRENT({ code: b.code, templateVersion: published ?? null });
    if (b.status === 'abolished' || !['published', 'suspended'].includes(latest.status))
      throw bundleErrors.BUNDLE_ILLEGAL_TRANSITION({ status: latest.status, action: 'take-template' });
    const base = (await versionRow(tx, t.id, follows))!;
    const theirs = (await versionRow(tx, t.id, published))!;
    const baseContent = (typeof base.content === 'string' ? JSON.parse(base.content) : base.content) as BundleContent;
    const theirsContent = (typeof theirs.content === 'string' ? JSON.parse(theirs.content) : theirs.content) as BundleContent;
    const own = ownMap(await ownImplementations(tx, { ...theirsContent, members: [...baseContent.members, ...theirsContent.members] }, b.regionCode));
    const merged = mergeTemplateChange(mapContent(baseContent, own).content, mapContent(theirsContent, own).content, latest.content as BundleContent);
    const parsed = bundleContentSchema.safeParse(merged.content);
    if (!parsed.success)
      throw bundleErrors.BUNDLE_DEFINITION_INVALID({ issues: parsed.error.issues.map((i) => ({ element: i.path.map(String).join('.'), message: i.message })) });
    const [v] = await tx
      .insert(bundleVersion)
      .values({ bundleId: b.id, number: latest.number + 1, status: 'draft', content: parsed.data, createdBy: ctx.actor.username })
      .returning();
    await tx
      .update(bundle)
      .set({ latestVersionId: v.id, templateVersionNumber: published, version: b.version + 1, updatedAt: sql`now()` })
      .where(eq(bundle.id, b.id));
    await writeAudit(tx, ctx, {
      action: 'bundle.take-template',
      targetType: 'bundle',
      targetId: b.id,
      change: { template: t.code, from: follows, to: published, number: v.number, changed: merged.changed },
    });
    return { number: v.number, templateVersion: published, changed: merged.changed };
  });
}
