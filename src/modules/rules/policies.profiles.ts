import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { maskIdNumber } from '../../platform/mask.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import type { RoleGrant, Scope } from '../../platform/permissions.ts';
import { getUserIdentity, userIdByIdNumber } from '../accounts/index.ts';
import { walletOf } from '../licenses/index.ts';
import { CLOSED_STATUSES } from '../cases/index.ts';
import type { RuleValue } from './rules.types.ts';
import { policyBenefit, policyProfile } from './policies.schema.ts';
import { policyErrors } from './policies.errors.ts';
import { dateOf, eligibilityOf, identityFacts, licenseFieldKey, licenseHeldKey, numberOf, yearsBetween } from './policies.core.ts';
import { policiesInForce } from './policies.service.ts';
import { POLICY_ATTRIBUTES, type EligibilityView, type PolicyAttribute, type ProfileView } from './policies.types.ts';

/**
 * Profiles (ADR 0038): what the platform holds of an organisation or a person, assembled through the other modules'
 * doors only — the ID number or USCC (region, a person's age), the licences it holds (the licences door: each valid
 * licence, its data fields; the 营业执照 gives registered capital, establishment date and industry), the cases of its
 * account that were closed (the cases' published view) — plus the tags officers set. What it does not hold is listed
 * as unknown. A profile is stored so that the match job reads 50,000 of them in one statement.
 */

export type Subject = { kind: 'organisation' | 'person'; idNumber: string };

export const subjectKey = (s: Subject) => `${s.kind}:${s.idNumber.toUpperCase()}`;

/** Parses `organisation:<USCC>` or `person:<ID number>`, each checked. */
export function parseSubject(text: string): Subject {
  const [kind, id = ''] = text.split(':', 2);
  const idNumber = id.toUpperCase();
  if (kind === 'organisation' && checkUscc(idNumber).valid) return { kind, idNumber };
  if (kind === 'person' && checkIdNumber(idNumber).valid) return { kind, idNumber };
  throw policyErrors.PROFILE_SUBJECT_INVALID();
}

/** The subject of a signed-in applicant (its own account's ID number or USCC), or PROFILE_NOT_APPLICANT. */
export async function subjectOfAccount(db: Db, user: { id: number }, grants: readonly RoleGrant[]): Promise<Subject & { name: string; userId: number }> {
  const kind = grants.some((g) => g.role === 'applicant_org') ? 'organisation' : grants.some((g) => g.role === 'applicant_person') ? 'person' : null;
  if (!kind) throw policyErrors.PROFILE_NOT_APPLICANT();
  const identity = await getUserIdentity(db, user.id);
  if (!identity.idNumber) throw policyErrors.PROFILE_NOT_APPLICANT();
  return { kind, idNumber: identity.idNumber.toUpperCase(), name: identity.displayName, userId: user.id };
}

/** The scope an officer needs to read a subject's profile: the region its ID number or USCC names. */
export function subjectScope(s: Subject): Scope {
  const region = identityFacts(s.kind, s.idNumber, '2000-01-01').regionCode;
  return { regionCode: typeof region === 'string' ? region : null };
}

const BUSINESS_LICENSE_NAME = '营业执照';
const SOURCE = { identity: '身份证号码 / 统一社会信用代码', businessLicense: '营业执照', cases: '本平台办件记录' } as const;

/** Assembles (and stores) a subject's profile from what the platform holds now; tags are kept. */
export async function assembleProfile(db: Db, s: Subject & { name?: string; userId?: number | null }, day: string) {
  const facts: Record<string, RuleValue> = { ...identityFacts(s.kind, s.idNumber, day) };
  const sources: Record<string, string> = { subjectType: SOURCE.identity, regionCode: SOURCE.identity, age: SOURCE.identity };
  let name = s.name;
  for (const l of await walletOf(db, s.idNumber)) {
    if (l.status !== 'valid') continue;
    name ??= l.holderName;
    facts[licenseHeldKey(l.typeCode)] = true;
    for (const [key, value] of Object.entries(l.data ?? {}))
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') facts[licenseFieldKey(l.typeCode, key)] = value;
    if (l.typeName === BUSINESS_LICENSE_NAME && s.kind === 'organisation') {
      const data = (l.data ?? {}) as Record<string, unknown>;
      const capital = numberOf(data.registeredCapital ?? data['注册资本']);
      if (capital !== null) {
        facts.registeredCapital = capital;
        sources.registeredCapital = SOURCE.businessLicense;
      }
      const established = dateOf(data['成立日期'] ?? data.establishedOn) ?? l.issueDate;
      if (established) {
        facts.establishedOn = established;
        facts.yearsEstablished = yearsBetween(established, day);
        sources.establishedOn = sources.yearsEstablished = SOURCE.businessLicense;
      }
      const industry = data.industryCode ?? data['行业代码'];
      if (typeof industry === 'string' && industry) {
        facts.industryCode = industry;
        sources.industryCode = SOURCE.businessLicense;
      }
    }
  }
  const userId = s.userId !== undefined ? s.userId : ((await userIdByIdNumber(db, s.idNumber)) ?? null);
  if (userId !== null) {
    // The cases module's published view (ADR 0017): closed cases of the subject's own account.
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM pub_cases_case WHERE owner_user_id = ${userId} AND status IN (${sql.join(
        CLOSED_STATUSES.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
    facts.closedCases = Number(row?.n ?? 0);
    sources.closedCases = SOURCE.cases;
    if (!name) name = (await getUserIdentity(db, userId)).displayName;
  }
  const unknown = (Object.keys(POLICY_ATTRIBUTES) as PolicyAttribute[]).filter(
    (a) => (POLICY_ATTRIBUTES[a].of as readonly string[]).includes(s.kind) && (facts[a] === undefined || facts[a] === null),
  );
  const subject = subjectKey(s);
  const regionCode = typeof facts.regionCode === 'string' ? facts.regionCode : null;
  const [row] = await db
    .insert(policyProfile)
    .values({
      subject,
      kind: s.kind,
      idNumber: s.idNumber.toUpperCase(),
      name: name ?? s.idNumber,
      userId,
      regionCode,
      facts: { ...facts, _sources: sources },
      unknown,
    })
    .onConflictDoUpdate({
      target: policyProfile.subject,
      set: {
        name: sql`excluded.name`,
        userId: sql`excluded.user_id`,
        regionCode: sql`excluded.region_code`,
        facts: sql`excluded.facts`,
        unknown: sql`excluded.unknown`,
        assembledAt: sql`now()`,
      },
    })
    .returning();
  return row;
}

type ProfileRow = typeof policyProfile.$inferSelect;

/**
 * Stores profiles assembled elsewhere (a registry of market subjects, the benchmark's population), 2,000 a statement;
 * a subject already stored keeps its row.
 */
export async function storeProfiles(
  db: Db,
  rows: readonly {
    subject: string;
    kind: 'organisation' | 'person';
    idNumber: string;
    name: string;
    facts: Record<string, RuleValue>;
    tags: readonly string[];
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insert(policyProfile)
      .values(
        rows.slice(i, i + 2000).map((r) => ({
          subject: r.subject,
          kind: r.kind,
          idNumber: r.idNumber,
          name: r.name,
          regionCode: typeof r.facts.regionCode === 'string' ? r.facts.regionCode : null,
          facts: r.facts,
          tags: [...r.tags],
        })),
      )
      .onConflictDoNothing();
}

/** The facts of a stored profile, without the sources kept beside them. */
export function factsOf(row: Pick<ProfileRow, 'facts'>): Record<string, RuleValue> {
  const { _sources: _s, ...facts } = row.facts as Record<string, RuleValue> & { _sources?: unknown };
  return facts;
}

export function shapeProfile(row: ProfileRow): ProfileView {
  const all = row.facts as Record<string, RuleValue> & { _sources?: Record<string, string> };
  const sources = all._sources ?? {};
  const kind = row.kind as ProfileView['kind'];
  const facts = (Object.keys(POLICY_ATTRIBUTES) as PolicyAttribute[])
    .filter((a) => (POLICY_ATTRIBUTES[a].of as readonly string[]).includes(kind))
    .map((a) => ({
      attribute: a,
      labelZh: POLICY_ATTRIBUTES[a].zh,
      value: all[a] ?? null,
      sourceZh: all[a] === undefined || all[a] === null ? '未知' : (sources[a] ?? ''),
    }));
  const licenses = Object.keys(all)
    .filter((k) => /^license:[^:]+:held$/.test(k) && all[k] === true)
    .map((k) => ({ typeCode: k.split(':')[1], typeName: null }));
  return {
    subject: kind === 'person' ? `person:${maskIdNumber(row.idNumber)}` : row.subject,
    kind,
    name: row.name,
    idNumberMasked: kind === 'person' ? (maskIdNumber(row.idNumber) ?? '') : row.idNumber,
    regionCode: row.regionCode,
    facts,
    unknown: row.unknown as string[],
    licenses,
    tags: row.tags,
    assembledAt: iso(row.assembledAt),
    version: row.version,
  };
}

/** The stored profile of a subject, assembled afresh first. */
export async function freshProfile(db: Db, s: Subject & { name?: string; userId?: number | null }, day: string): Promise<ProfileRow> {
  return assembleProfile(db, s, day);
}

/** Sets a profile's tags (row version checked; the profile is assembled first if it never was). One audit entry. */
export async function setTags(db: Db, ctx: RequestContext, s: Subject, input: { tags: string[]; version: number }, day: string) {
  const existing = await db
    .select()
    .from(policyProfile)
    .where(eq(policyProfile.subject, subjectKey(s)));
  if (!existing.length) await assembleProfile(db, s, day);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(policyProfile)
      .where(eq(policyProfile.subject, subjectKey(s)))
      .for('update');
    if (!row) throw policyErrors.PROFILE_NOT_FOUND();
    if (row.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: row.version });
    const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))].sort();
    const [after] = await tx
      .update(policyProfile)
      .set({ tags, version: row.version + 1 })
      .where(eq(policyProfile.subject, row.subject))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'policies.profile-tags',
      targetType: 'policy_profile',
      targetId: row.kind === 'person' ? `person:${maskIdNumber(row.idNumber)}` : row.subject,
      change: { before: row.tags, after: tags },
    });
    return shapeProfile(after);
  });
}

/**
 * "Which policies can I get": every published policy in force for the profile's kind, each with met / not met /
 * unknown per condition, what would change the answer, and the benefit already matched, if any. Eligible first,
 * then unknown, then not eligible.
 */
export async function eligibilityFor(db: Db, row: ProfileRow, day: string): Promise<EligibilityView[]> {
  const policies = (await policiesInForce(db, day)).filter((p) => p.target === row.kind);
  const profile = { kind: row.kind as 'organisation' | 'person', facts: factsOf(row), tags: row.tags };
  const benefits = policies.length
    ? await db
        .select({ id: policyBenefit.id, policyId: policyBenefit.policyId })
        .from(policyBenefit)
        .where(
          and(
            eq(policyBenefit.subject, row.subject),
            inArray(
              policyBenefit.policyId,
              policies.map((p) => p.id),
            ),
          ),
        )
    : [];
  const benefitOf = new Map(benefits.map((b) => [Number(b.policyId), Number(b.id)]));
  const order = { eligible: 0, unknown: 1, notEligible: 2 } as const;
  return policies
    .map((p) => {
      const e = eligibilityOf(p, profile, day);
      return {
        policy: {
          id: p.id,
          code: p.code,
          title: p.title,
          issuer: p.issuer,
          documentNumber: p.documentNumber,
          automatic: p.automatic,
          benefitZh: p.benefitZh,
          amountYuan: p.amountYuan,
          target: p.target,
        },
        eligibility: e.eligibility,
        conditions: e.conditions,
        changes: e.changes,
        explanationZh: e.explanationZh,
        explanationEn: e.explanationEn,
        benefitId: benefitOf.get(p.id) ?? null,
      };
    })
    .sort((a, b) => order[a.eligibility] - order[b.eligibility] || a.policy.id - b.policy.id);
}
