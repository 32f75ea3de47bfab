// The cases API as the case pages call it.
import { api } from '../../api.ts';
import type { Body, FormAnswers, PathsWith, Reply } from '../../api/types.ts';
import type { NoticeKind } from './caseFacts.ts';

const byNumber = (number: string) => ({ params: { path: { number } } });
const byMaterial = (number: string, key: string) => ({ params: { path: { number, key } } });

/** The transitions of a case: every POST /api/cases/{number}/{action} but the ratings and the materials. */
export type CaseAction =
  Extract<PathsWith<'post'>, `/api/cases/{number}/${string}`> extends infer P
    ? P extends `/api/cases/{number}/${infer A}`
      ? A extends `${string}/${string}` | 'ratings'
        ? never
        : A
      : never
    : never;
type ActionPath<A extends CaseAction> = `/api/cases/{number}/${A}`;

export const caseApi = {
  get: (n: string) => api.get('/api/cases/{number}', byNumber(n)),
  create: (body: Body<'/api/cases'>) => api.create('/api/cases', { body }),
  /** What a new application starts with: identity fields from the account (read-only), others from profile and licences. */
  prefill: (implementationCode: string, principalUserId?: number) =>
    api.get('/api/cases/prefill', { params: { query: principalUserId ? { implementationCode, principalUserId } : { implementationCode } } }),
  saveDraft: (n: string, version: number, formData: FormAnswers) => api.put('/api/cases/{number}/draft', { ...byNumber(n), body: { version, formData } }),
  /** Every transition: POST /api/cases/{n}/{action} with the case's version; the reply is the case. */
  act: <A extends CaseAction>(n: string, action: A, body: Body<ActionPath<A>>): Promise<Reply<ActionPath<A>, 'post'>> =>
    (api.post as unknown as (path: string, init: object) => Promise<Reply<ActionPath<A>, 'post'>>)(`/api/cases/{number}/${action}`, { ...byNumber(n), body }),
  upload: (n: string, key: string, file: File) =>
    api.putFile('/api/cases/{number}/materials/{key}', file, { params: { path: { number: n, key }, query: { fileName: file.name } } }),
  pledge: (n: string, key: string) => api.post('/api/cases/{number}/materials/{key}/pledge', byMaterial(n, key)),
  attachLicense: (n: string, key: string, identifier: string) =>
    api.post('/api/cases/{number}/materials/{key}/license', { ...byMaterial(n, key), body: { identifier } }),
  candidates: (n: string) => api.get('/api/cases/{number}/license-candidates', byNumber(n)),
  /** Reviewers of the case's department a claimed step can be handed to. */
  colleagues: (n: string) => api.get('/api/cases/{number}/colleagues', byNumber(n)),
  fileUrl: (n: string, key: string) => `/api/cases/${encodeURIComponent(n)}/materials/${encodeURIComponent(key)}/file`,
  notice: (n: string, kind: NoticeKind) => api.download('/api/cases/{number}/notices/{kind}', { params: { path: { number: n, kind } } }, `${n}-${kind}.docx`),
};
