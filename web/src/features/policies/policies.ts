import { api } from '../../api.ts';
import type { Body, Reply } from '../../api/types.ts';

export type PublicPolicy = Reply<'/api/public/policies/{code}'>;
export type PublicPolicyList = Reply<'/api/public/policies'>;
export type MyPolicies = Reply<'/api/my/policies'>;
export type Eligibility = MyPolicies['items'][number];
export type Benefit = Reply<'/api/my/benefits'>['items'][number];
export type PolicyStats = Reply<'/api/policies/stats'>;
export type PolicyListItem = Reply<'/api/policies'>['items'][number];
export type Policy = Reply<'/api/policies/{id}'>;
export type PolicyContent = Body<'/api/policies/checks'>['content'];
export type PolicyCheck = Reply<'/api/policies/checks', 'post'>;
export type PolicyFacts = Reply<'/api/policies/facts'>;
export type PolicyImported = Reply<'/api/policies/imports', 'post'>;

export const policyApi = {
  publicList: (q: string, page: number) => api.get('/api/public/policies', { params: { query: { q: q || undefined, page, pageSize: 20 } } }),
  publicOne: (code: string) => api.get('/api/public/policies/{code}', { params: { path: { code } } }),
  mine: () => api.get('/api/my/policies'),
  myBenefits: () => api.get('/api/my/benefits'),
  accept: (b: Pick<Benefit, 'id' | 'version'>) => api.post('/api/my/benefits/{id}/accept', { params: { path: { id: b.id } }, body: { version: b.version } }),
  benefits: (page: number) => api.get('/api/benefits', { params: { query: { page, pageSize: 20 } } }),
  stats: () => api.get('/api/policies/stats'),
  library: (page: number, q: string) => api.get('/api/policies', { params: { query: { page, pageSize: 20, q: q || undefined } } }),
  one: (id: number) => api.get('/api/policies/{id}', { params: { path: { id } } }),
  facts: () => api.get('/api/policies/facts'),
  licenseTypes: () => api.get('/api/license-types'),
  check: (target: Policy['target'], content: PolicyContent) => api.post('/api/policies/checks', { body: { target, content } }),
  save: (p: Policy, content: PolicyContent) => {
    const { id, code: _c, regionCode: _r, departmentId: _d, status: _s, hash: _h, createdBy: _b, publishedAt: _p, retiredAt: _t, ...fields } = p;
    return api.put('/api/policies/{id}', { params: { path: { id } }, body: { ...fields, content } });
  },
  template: () => api.download('/api/policies/imports/template', {}, 'policy-template.xlsx'),
  importFile: (file: File, owner: { regionCode: string; departmentId: number }) => api.upload('/api/policies/imports', file, { params: { query: owner } }),
  departments: () => api.get('/api/departments'),
  match: () => api.post('/api/policies/match-runs'),
  confirm: (b: Pick<Benefit, 'id' | 'version'>) => api.post('/api/benefits/{id}/confirm', { params: { path: { id: b.id } }, body: { version: b.version } }),
  pay: (b: Pick<Benefit, 'id' | 'version'>, reference: string) =>
    api.post('/api/benefits/{id}/pay', { params: { path: { id: b.id } }, body: { version: b.version, reference: reference || undefined } }),
  reject: (b: Pick<Benefit, 'id' | 'version'>, reason: string) =>
    api.post('/api/benefits/{id}/reject', { params: { path: { id: b.id } }, body: { version: b.version, reason } }),
};

export const STATUS_COLOR: Record<Benefit['status'], string> = {
  matched: 'blue',
  notified: 'blue',
  offered: 'gold',
  applied: 'cyan',
  confirmed: 'geekblue',
  paid: 'green',
  rejected: 'default',
};
export const ELIGIBILITY_COLOR: Record<Eligibility['eligibility'], string> = { eligible: 'green', notEligible: 'default', unknown: 'gold' };
export const CONDITION_COLOR: Record<Eligibility['conditions'][number]['status'], string> = { met: 'green', notMet: 'red', unknown: 'gold' };
