// The shapes of the catalogue API (src/modules/catalog/catalog.types.ts and catalog.routes.ts), as the web app reads them.
import type { Localized } from '../../api.ts';

export type LimitUnit = 'working_day' | 'natural_day';
export interface Limit {
  value: number;
  unit: LimitUnit;
}

export type MaterialForm = 'paper' | 'electronic' | 'both';
export type MaterialSource = 'applicant' | 'licence' | 'department';

export interface Material {
  key: string;
  name: string;
  required: boolean;
  form: MaterialForm;
  source: MaterialSource;
  licenseTypeCode: string | null;
  sourceDepartment: string | null;
  originals: number;
  copies: number;
  blankFormFile: string | null;
  sampleFile: string | null;
  acceptanceStandard: string;
  legalBasis: string;
  pledgeAllowed: boolean;
}

export type StepRole = 'clerk' | 'reviewer';
export interface Step {
  key: string;
  name: string;
  role: StepRole;
  budgetDays: number;
}

export interface Fee {
  name: string;
  standard: string;
  basis: string;
  waivable: boolean;
}

export interface Intermediary {
  name: string;
  basis: string;
}

/** One field of the application form: a JSON Schema property with the designer's widget. */
export type FormField = Record<string, unknown> & {
  type?: string;
  title?: string;
  description?: string;
  format?: string;
  enum?: unknown[];
  items?: { type?: string; enum?: unknown[] };
  'x-widget'?: string;
};

export interface FormSchema {
  type: 'object';
  properties: Record<string, FormField>;
  required: string[];
  'x-order'?: string[];
}

export type ResultType = 'licence' | 'approval' | 'record' | 'other';

/** Every element of an implementation version. */
export interface Content {
  name: string;
  aliases: string[];
  keywords: string[];
  legalBasis: string;
  acceptanceConditions: string;
  caseType: '1' | '2' | '9';
  legalLimit: Limit;
  promisedLimit: Limit;
  amberDays: number;
  visits: number;
  visitsReason: string;
  handlingForms: string[];
  onlineDepth: number;
  express: boolean;
  appointment: boolean;
  payOnline: boolean;
  fees: Fee[];
  resultName: string;
  resultType: ResultType;
  resultLicenseTypeCode: string | null;
  serviceObjects: string[];
  topics: string[];
  place: string;
  hours: string;
  consultation: string;
  complaint: string;
  inHall: boolean;
  notInHallReason: string;
  intermediaryServices: Intermediary[];
  responsibilityItems: string[];
  specialProcedures: string;
  materials: Material[];
  steps: Step[];
  form: FormSchema;
}

export type VersionStatus = 'draft' | 'in_review' | 'published' | 'suspended' | 'abolished' | 'superseded' | 'rejected';
export type ImplementationStatus = 'draft' | 'published' | 'suspended' | 'abolished';

export interface Implementation {
  id: number;
  code: string;
  baseItemId: number;
  regionCode: string;
  departmentId: number;
  status: ImplementationStatus;
  name: string;
  itemType: string;
  publishedVersionId: number | null;
  latestVersionId: number | null;
  version: number;
}

export interface ImplementationRow extends Implementation {
  latestVersionStatus: VersionStatus;
}

export interface BaseItem {
  id: number;
  code: string;
  name: string;
  itemType: string;
  useLevel: string;
  legalBasis: string;
  parentId: number | null;
  /** The region that defined it and may change it; null: national. */
  regionCode: string | null;
  template: Partial<Content> | null;
  localElements: string[];
  version: number;
}

export interface Version {
  id: number;
  number: number;
  status: VersionStatus;
  content: Content;
  createdBy: string;
  reviewNote: string | null;
  reviewedBy: string | null;
  publishedAt: string | null;
  version: number;
  createdAt: string;
}

export type Severity = 'error' | 'warning';
export interface Finding {
  rule: string;
  severity: Severity;
  element: string;
  message: Localized;
}

export interface Inspection {
  findings: Finding[];
  completeness: number;
  accuracyFindings: number;
  errors: number;
}

export interface ImplementationDetail extends Implementation {
  baseItem: BaseItem;
  departmentName: string;
  regionName: string;
  versions: Version[];
  inspection: Inspection;
}

export interface Change {
  element: string;
  label: string;
  before: unknown;
  after: unknown;
}

export interface SearchHit {
  code: string;
  name: string;
  department: string;
  departmentId: number;
  region: string;
  regionCode: string;
  itemType: string;
  online: boolean;
  fullyOnline: boolean;
  topics: string[];
  score: number;
}

/** The public guide: every element of the published version and where it belongs. */
export interface Guide extends Content {
  id: number;
  code: string;
  versionNumber: number;
  baseCode: string;
  baseName: string;
  itemType: string;
  useLevel: string;
  department: string;
  departmentUscc: string;
  region: string;
  regionCode: string;
}

export const LISTS = ['powers', 'licensing', 'intermediary', 'not-in-hall'] as const;
export type ListName = (typeof LISTS)[number];

export interface ListRow {
  code: string;
  baseCode: string;
  name: string;
  itemType: string;
  itemTypeName: string;
  department: string;
  departmentId: number;
  region: string;
  legalBasis: string;
  detail: string;
}

export interface PublishedList {
  list: ListName;
  title: Localized;
  items: ListRow[];
  countsByDepartment: { department: string; count: number }[];
}

export interface LicenseType {
  code: string;
  name: string;
  definingBodyUscc: string;
  definingBodyName: string;
  holderKind: 'person' | 'organisation';
  version: number;
}

export interface HarmonisationColumn {
  key: string;
  implementationId: number;
  code: string;
  status: string;
  regionCode: string;
  region: string;
  department: string;
}

export interface HarmonisationRow {
  element: string;
  label: string;
  local: boolean;
  differs: boolean;
  values: Record<string, unknown>;
  differing: string[];
}

export interface Harmonisation {
  baseItem: BaseItem;
  columns: HarmonisationColumn[];
  rows: HarmonisationRow[];
  differingElements: number;
}

export interface HarmonisationIndexRow {
  regionCode: string;
  region: string;
  baseItems: number;
  agreeing: number;
  index: number;
}

export interface Summary {
  guides: number;
  completeness: number;
  accuracyFindings: number;
  errors: number;
  warnings: number;
}

export interface GuideInspection {
  implementationId: number;
  code: string;
  name: string;
  departmentId: number;
  departmentName: string;
  regionCode: string;
  completeness: number;
  accuracyFindings: number;
  errors: number;
  findings: Finding[];
}

export interface InspectionReport {
  guides: GuideInspection[];
  byDepartment: (Summary & { departmentId: number; departmentName: string })[];
  byRegion: (Summary & { regionCode: string })[];
  totals: Summary;
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string | null;
  message: string;
}

export interface ImportJob {
  id: number;
  status: 'running' | 'checked' | 'failed' | 'done';
  dryRun: boolean;
  publish: boolean;
  fileName: string;
  total: number;
  processed: number;
  problems: ImportProblem[];
  summary: Record<string, number> | null;
}

export interface StoredFile {
  digest: string;
  size: number;
  mime: string;
  name: string;
}
