// Friendly names for the shapes the server declares (ADR 0019). Nothing here is written by hand: every type is a
// component schema or an operation's reply/body in schema.d.ts, generated from the server's zod schemas by
// `npm run api:generate`. When a page needs a field that is not here, the server's schema is where it goes.
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = M extends keyof paths[P] ? paths[P][M] : never;
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
type Ok<R> = R[Extract<keyof R, 200 | 201 | 202 | 204>];

/** The paths that answer to a method. */
export type PathsWith<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, object> ? P : never }[keyof paths];
/** The JSON a call answers with when it succeeds. */
export type Reply<P extends keyof paths, M extends Method = 'get'> = Json<Ok<Op<P, M> extends { responses: infer R } ? R : never>>;
/** The JSON body a call takes. */
export type Body<P extends keyof paths, M extends Method = 'post'> = Op<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
/** The path parameters of a call. */
export type PathParams<P extends keyof paths, M extends Method = 'get'> = NonNullable<Op<P, M> extends { parameters: { path?: infer Q } } ? Q : never>;
/** The query a GET takes. */
export type Query<P extends keyof paths> = NonNullable<Op<P, 'get'> extends { parameters: { query?: infer Q } } ? Q : never>;
type ItemOf<T> = T extends { items: (infer I)[] } ? I : never;

export type Lang = 'zh' | 'en';
export type Localized = { zh: string; en: string };
export type ApiErrorBody = Schemas['Error'];

// ---- accounts, regions, departments ----
export type Session = Reply<'/api/auth/me'>;
export type CurrentUser = Schemas['User'];
export type User = Schemas['User'];
export type RoleGrant = User['roles'][number];
export type Region = Schemas['Region'];
export type RegionWithPath = Reply<'/api/regions/{code}'>;
export type Department = Schemas['Department'];
export type IdCheck = Reply<'/api/check/id/{value}'>;
export type AuditEntry = ItemOf<Reply<'/api/audit'>>;
export type AuditVerification = Reply<'/api/audit/verify'>;

// ---- catalogue ----
export type Content = Schemas['ImplementationContent'];
export type Material = Content['materials'][number];
export type Step = Content['steps'][number];
export type StepRole = Step['role'];
export type Fee = Content['fees'][number];
export type Intermediary = Content['intermediaryServices'][number];
export type Limit = Content['legalLimit'];
export type ResultType = Content['resultType'];
export type FormSchema = Content['form'];
/** One field of the application form: the server keeps it as an open JSON Schema object (src/platform/forms.ts checks
 * it); these are the keywords the designer reads and writes. */
export type FormField = FormSchema['properties'][string] & {
  type?: string;
  title?: string;
  description?: string;
  format?: string;
  enum?: unknown[];
  items?: { type?: string; enum?: unknown[] };
  'x-widget'?: string;
};
export type Implementation = Schemas['Implementation'];
export type ImplementationRow = ItemOf<Reply<'/api/catalog/implementations'>>;
export type ImplementationDetail = Schemas['ImplementationDetail'];
export type Version = ImplementationDetail['versions'][number];
export type VersionStatus = Version['status'];
export type Inspection = ImplementationDetail['inspection'];
export type Finding = Inspection['findings'][number];
export type Change = Reply<'/api/catalog/implementations/{id}/diff'>['changes'][number];
export type BaseItem = Schemas['BaseItem'];
export type Guide = Schemas['Guide'];
export type SearchHit = ItemOf<Reply<'/api/items'>>;
export type PublishedList = Reply<'/api/catalog/lists/{list}'>;
export type ListRow = PublishedList['items'][number];
export type LicenseType = Schemas['LicenseType'];
export type Harmonisation = Schemas['Harmonisation'];
export type HarmonisationColumn = Harmonisation['columns'][number];
export type HarmonisationRow = Harmonisation['rows'][number];
export type HarmonisationIndexRow = ItemOf<Reply<'/api/catalog/harmonisation-index'>>;
export type InspectionReport = Schemas['CatalogInspection'];
export type ImportJob = Reply<'/api/catalog/imports/{id}'>;
export type ImportProblem = ImportJob['problems'][number];
export type StoredFile = Reply<'/api/files', 'post'>;
export type Code = Reply<'/api/code-lists/{list}'>['codes'][number];

// ---- cases ----
export type CaseDetail = Schemas['Case'];
/** The answers to an item's form, keyed by field name (the body of an application and of a draft save). */
export type FormAnswers = Schemas['FormAnswers'];
export type CaseStatus = CaseDetail['status'];
export type CaseClock = CaseDetail['clock'];
export type Warning = CaseClock['warning'];
export type CaseEvent = CaseDetail['timeline'][number];
export type CaseMaterial = CaseDetail['materials'][number];
export type CaseRating = CaseDetail['ratings'][number];
export type CaseListItem = Schemas['CaseListItem'];
export type CaseRegisterItem = Schemas['CaseRegisterItem'];
export type CaseRef = Schemas['CaseRef'];
export type LicenseCandidate = ItemOf<Reply<'/api/cases/{number}/license-candidates'>>;
export type Notification = ItemOf<Reply<'/api/notifications'>>;
export type SupervisionView = Reply<'/api/cases/supervision'>;

// ---- licences ----
export type License = Schemas['LicenseView'];
export type LicenseStatus = License['status'];
export type LicenseDetail = Schemas['LicenseDetailView'];
export type LicenseUse = LicenseDetail['uses'][number];
export type Verification = Reply<'/api/licenses/verify/{identifier}'>;
export type LicenseField = Schemas['LicenseField'];
export type LicenseEntry = Schemas['LicenseEntry'];
export type LicenseRegisterItem = Schemas['LicenseRegisterItem'];

// ---- ratings ----
export type RatingOptions = Reply<'/api/ratings/options'>;
export type CodeLabel = RatingOptions['levels'][number];
export type Remedy = Schemas['RemedyView'];
export type Appeal = ItemOf<Reply<'/api/rating-appeals'>>;
export type StatsRow = Schemas['RatingFigures'];
export type PublicRatings = Reply<'/api/ratings/public'>;

// ---- mandates, calendar ----
export type Mandate = Schemas['Mandate'];
export type MandateParty = Mandate['principal'];
export type CalendarDay = Reply<'/api/calendar/days'>['days'][number];
export type CalendarYears = Reply<'/api/calendar/years'>;
export type CalendarImport = Reply<'/api/calendar/import', 'post'>;
