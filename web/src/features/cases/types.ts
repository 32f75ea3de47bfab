// The shapes of the cases, licences and ratings APIs (src/modules/cases/cases.views.ts, licenses.issue.ts,
// ratings.service.ts and ratings.stats.ts), as the web app reads them.
import type { FormSchema } from '../catalog/types.ts';

export const CASE_STATUSES = ['draft', 'submitted', 'correction_requested', 'in_review', 'decided', 'delivered', 'refused', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type Warning = 'none' | 'amber' | 'red';
export type MaterialMode = 'upload' | 'pledge' | 'licence' | 'gap';
export type NextStep = 'submit' | 'answer_correction' | 'supply_gaps' | 'await_delivery' | null;

export interface CaseClock {
  acceptedOn: string | null;
  deadline: string | null;
  legalDeadline: string | null;
  remainingWorkingDays: number | null;
  warning: Warning;
  paused: boolean;
  deemedAccepted: boolean;
  extended: boolean;
  calendarMissingYear: number | null;
  /** The day the clock stopped (the case was decided, refused or withdrawn); remainingWorkingDays is as of then. */
  stoppedOn: string | null;
}

export interface CaseMaterial {
  key: string;
  name: string;
  required: boolean;
  pledgeAllowed: boolean;
  source: 'applicant' | 'licence' | 'department';
  licenseTypeCode: string | null;
  mode: MaterialMode | null;
  fileName: string | null;
  hasFile: boolean;
  pledgeText: string | null;
  licenceIdentifier: string | null;
  gapDueOn: string | null;
}

export interface CaseStep {
  key: string;
  name: string;
  status: 'pending' | 'active' | 'done' | 'returned';
  assigneeUserId: number | null;
  result: string | null;
  opinion: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

export interface CaseEvent {
  type: string;
  at: string;
  onDay: string;
  actor: string | null;
  data: Record<string, unknown>;
}

export interface CaseDetail {
  number: string;
  status: CaseStatus;
  channel: string;
  implementation: { code: string; name: string; department: string; region: string; versionNumber: number; caseType: string };
  applicant: { kind: 'person' | 'organisation'; name: string; idNumberMasked: string | null; contactPhoneMasked: string | null };
  formData: Record<string, unknown>;
  form: FormSchema;
  materials: CaseMaterial[];
  steps: CaseStep[];
  timeline: CaseEvent[];
  /** The licence the case yielded; its verification code only for the holder and the issuing department. */
  licence: { identifier: string; verifyCode: string | null } | null;
  clock: CaseClock;
  outcome: string | null;
  outcomeReason: string | null;
  receivedOn: string | null;
  decidedOn: string | null;
  delivery: { method: 'window' | 'post' | 'electronic'; trackingNumber: string | null; deliveredOn: string | null } | null;
  visits: number;
  next: NextStep;
  ratings: CaseRating[];
  version: number;
}

/** A rating given on the case (cases.views.ts caseRatings), with the department's reply when it was remedied. */
export interface CaseRating {
  kind: 'online' | 'onsite';
  assessNumber: number;
  level: string;
  channel: string | null;
  indicators: string[];
  comment: string;
  anonymous: boolean;
  isDefault: boolean;
  at: string;
  reply: string | null;
  repliedAt: string | null;
}

export interface CaseListItem {
  number: string;
  status: CaseStatus;
  implementationName: string;
  department: string;
  applicantName: string;
  applicantIdNumberMasked: string | null;
  receivedOn: string | null;
  currentStep: string | null;
  assigneeUserId: number | null;
  clock: CaseClock;
  version: number;
}

export interface Created {
  number: string;
  status: CaseStatus;
  version: number;
}

export type LicenceStatus = 'valid' | 'suspended' | 'revoked' | 'expired' | 'superseded';

export interface Licence {
  identifier: string;
  typeCode: string;
  typeName: string | null;
  issuerUscc: string;
  holderKind: 'person' | 'organisation';
  holderName: string;
  holderIdNumberMasked: string | null;
  issueDate: string;
  validUntil: string | null;
  data: Record<string, unknown>;
  status: LicenceStatus;
  statusReason: string | null;
  versionNo: number;
  caseNumber: string | null;
  version: number;
}

export interface LicenceUse {
  caseNumber: string | null;
  userName: string;
  purpose: string;
  at: string | null;
}

export interface LicenceCandidate {
  key: string;
  name: string;
  licenseTypeCode: string;
  licence: Licence | null;
}

export interface Verification {
  found: boolean;
  identifier: string;
  reason?: string;
  reasonZh?: string;
  status?: LicenceStatus;
  type?: string;
  issuer?: string;
  issueDate?: string;
  validUntil?: string | null;
  holderMasked?: string;
  holderIdMasked?: string | null;
  sealValid?: boolean;
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  caseId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface CodeLabel {
  code: string;
  zh: string;
  en: string;
}

export interface RatingOptions {
  levels: CodeLabel[];
  channels: CodeLabel[];
  indicators: { online: CodeLabel[]; onsite: CodeLabel[] };
}

export interface Remedy {
  id: number;
  caseNumber: string;
  level: string;
  comment: string;
  ratedAt: string | null;
  status: 'open' | 'classified' | 'replied' | 'followed_up' | 'closed' | 'excluded';
  classification: string | null;
  dueOn: string;
  overdue: boolean;
  reply: string | null;
  repliedAt: string | null;
  followUpNote: string | null;
  followUpAnswer: 'satisfied' | 'unsatisfied' | null;
  followedUpAt: string | null;
  closedAt: string | null;
  escalated: boolean;
  /** What the follow-up call needs (ratings.service.ts listRemedies); the rater is null when anonymous. */
  itemName: string;
  channel: string | null;
  indicators: string[];
  anonymous: boolean;
  raterName: string | null;
  /** The window clerk who handed over the counter tablet (on-site ratings only). */
  counterClerkName: string | null;
  appeal: 'pending' | 'upheld' | 'rejected' | null;
  appealReason: string | null;
  appealDecisionReason: string | null;
  version: number;
}

export interface Appeal {
  id: number;
  ratingId: number;
  caseNumber: string;
  level: string;
  comment: string;
  department: string;
  reason: string;
  status: 'pending' | 'upheld' | 'rejected';
  decisionReason: string | null;
}

export const RATE_KEYS = ['satisfactionRate', 'goodRate', 'badRate', 'remedyRate', 'followUpRate', 'activeRatingRate'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export type StatsRow = {
  key: string;
  label: string;
  byLevel: Record<'1' | '2' | '3' | '4' | '5', number>;
  ratings: number;
  badRatings: number;
} & Record<RateKey, number | null>;

export interface SupervisionView {
  departments: { department: string; amber: number; red: number; inReview: number }[];
  cases: CaseListItem[];
}
