import type { Db } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';
import { frozenVersionContent, implementationForApplying } from '../catalog/index.ts';
import { activeMandate, mandateErrors } from '../mandates/index.ts';
import { getUserIdentity } from '../accounts/index.ts';
import { walletOf } from '../licenses/index.ts';
import { caseErrors } from './cases.errors.ts';
import { prefillAnswers, type BoundApplicant, type PrefillLicense } from './cases.identity.ts';
import type { Actor } from './cases.act.ts';

/**
 * The answers a new application of the item starts with, and where each came from: identity fields from the
 * applicant's account (the principal's, for an agent under a mandate covering the item), the contact phone from the
 * account filling it in, the other fields
 * from the applicant's valid licences that carry them. An agent gets no licence data: only the holder's own account
 * sees its licences (cases.licenses.ts). Reading only; the server binds identity fields again on every save.
 */
export async function prefillFor(db: Db, actor: Actor, implementationCode: string, principalUserId?: number) {
  // What is known of the item may be a few seconds old: a refusal is only given on a fresh look (as applyForCase).
  const known = await implementationForApplying(db, implementationCode);
  const impl = known?.status === 'published' && known.publishedVersionId ? known : await implementationForApplying(db, implementationCode, true);
  if (!impl || impl.status !== 'published' || !impl.publishedVersionId) throw caseErrors.CASE_IMPLEMENTATION_UNAVAILABLE({ code: implementationCode });
  const { form } = await frozenVersionContent(db, impl.publishedVersionId);
  const isAgent = actor.grants.some((g) => g.role === 'agent');
  let applicant: BoundApplicant;
  let licenses: PrefillLicense[] = [];
  if (isAgent) {
    if (!principalUserId) throw mandateErrors.MANDATE_PRINCIPAL_REQUIRED();
    const mandate = await activeMandate(db, actor.userId, principalUserId, impl.code, today());
    if (!mandate) throw mandateErrors.MANDATE_NOT_GRANTED({ principalUserId, implementation: impl.code });
    const { kind, name, idNumber } = mandate.principal;
    // The agent is the contact of what it files: its own mobile, not the principal's.
    applicant = { kind, name, idNumber, phone: (await getUserIdentity(db, actor.userId)).phone };
  } else {
    if (!actor.idNumber) throw caseErrors.CASE_APPLICANT_INVALID({ reason: 'your account has no ID number or USCC' });
    const kind = actor.grants.some((g) => g.role === 'applicant_org') ? 'organisation' : 'person';
    applicant = { kind, name: actor.displayName, idNumber: actor.idNumber, phone: (await getUserIdentity(db, actor.userId)).phone };
    licenses = (await walletOf(db, actor.idNumber))
      .filter((l) => l.status === 'valid')
      .map((l) => ({ identifier: l.identifier, typeName: l.typeName, data: (l.data ?? {}) as Record<string, unknown> }));
  }
  return { applicant: { kind: applicant.kind, name: applicant.name }, ...prefillAnswers(form, applicant, licenses) };
}
