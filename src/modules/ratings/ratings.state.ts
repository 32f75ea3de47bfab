import { can, type RoleGrant, type Scope } from '../../platform/permissions.ts';

/**
 * The rules of remedies and appeals, in one place: the statuses they pass through, and when each act on them may be
 * taken. The services refuse with the code named here; the lists tell each reader which acts they may take
 * (allowedActions), from the same rules and the reader's grants in the rated case's scope.
 */
export const REMEDY_STATUSES = ['open', 'classified', 'replied', 'followed_up', 'closed', 'excluded'] as const;
export type RemedyStatus = (typeof REMEDY_STATUSES)[number];
export const REMEDY_CLASSIFICATIONS = ['立行立改', '限期整改', '解释说明'] as const;
export type RemedyClassification = (typeof REMEDY_CLASSIFICATIONS)[number];
/** 回访结果: no default; an anonymous rater cannot be called, so theirs is 无法回访 (unreachable), counted apart. */
export const FOLLOW_UP_ANSWERS = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export type FollowUpAnswer = (typeof FOLLOW_UP_ANSWERS)[number];
export const APPEAL_STATUSES = ['pending', 'upheld', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** The acts of the department on a remedy (ratings.remedy in the case's scope). */
export const REMEDY_ACTIONS = ['classify', 'reply', 'follow-up', 'close', 'appeal'] as const;
export type RemedyNextAction = (typeof REMEDY_ACTIONS)[number];
/** The act of the supervisor on an appeal (ratings.supervise in the case's scope). */
export const APPEAL_ACTIONS = ['decide'] as const;
export type AppealNextAction = (typeof APPEAL_ACTIONS)[number];

export interface RemedyFacts {
  closedAt: unknown;
  classification: string | null;
  reply: string | null;
  followedUpAt: unknown;
  /** The status of the rating's appeal, null when there is none. */
  appeal: string | null;
}

/**
 * Why `action` may not be taken on the remedy now, or null when it may: nothing is done on a closed remedy (closed,
 * or excluded by an upheld appeal); it closes once classified, replied to and followed up; a rating is appealed once.
 */
export function remedyRefusal(m: RemedyFacts, action: RemedyNextAction): 'REMEDY_CLOSED' | 'REMEDY_INCOMPLETE' | 'APPEAL_EXISTS' | null {
  if (m.closedAt) return 'REMEDY_CLOSED';
  if (action === 'close' && !(m.classification && m.reply && m.followedUpAt)) return 'REMEDY_INCOMPLETE';
  if (action === 'appeal' && m.appeal !== null) return 'APPEAL_EXISTS';
  return null;
}

/** The acts `grants` may take next on the remedy of a case in `scope`. */
export function remedyActions(m: RemedyFacts, grants: readonly RoleGrant[], scope: Scope): RemedyNextAction[] {
  if (!can(grants, 'ratings.remedy', scope)) return [];
  return REMEDY_ACTIONS.filter((a) => remedyRefusal(m, a) === null);
}

/** Why an appeal may not be decided now, or null: it is decided once. */
export const appealRefusal = (a: { status: string }): 'APPEAL_DECIDED' | null => (a.status === 'pending' ? null : 'APPEAL_DECIDED');

/** The acts `grants` may take next on the appeal of a rating of a case in `scope`. */
export function appealActions(a: { status: string }, grants: readonly RoleGrant[], scope: Scope): AppealNextAction[] {
  return can(grants, 'ratings.supervise', scope) && appealRefusal(a) === null ? ['decide'] : [];
}

/**
 * The acts on a case whose doers a rating of it rates (the case's events): accepting or refusing it, completing a
 * step or deciding, delivering; and the clerk at whose counter it was rated. None of them handles its remedy.
 */
export const RATED_ACTS = ['accepted', 'refused', 'step_completed', 'decided', 'delivered'] as const;

/** Whether `userId` did one of the rated acts (separation of duties: nobody remedies a rating of their own act). */
export const isOwnActRated = (ratedStaff: readonly number[], userId: number | null): boolean => userId !== null && ratedStaff.includes(userId);
