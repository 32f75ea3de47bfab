import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';

export type PublicPolicy = Reply<'/api/public/policies/{code}'>;
export type PublicPolicyList = Reply<'/api/public/policies'>;
export type MyPolicies = Reply<'/api/my/policies'>;
export type Eligibility = MyPolicies['items'][number];
export type Benefit = Reply<'/api/my/benefits'>['items'][number];
export type PolicyStats = Reply<'/api/policies/stats'>;

export const policyApi = {
  publicList: (q: string, page: number) => api.get('/api/public/policies', { params: { query: { q: q || undefined, page, pageSize: 20 } } }),
  publicOne: (code: string) => api.get('/api/public/policies/{code}', { params: { path: { code } } }),
  mine: () => api.get('/api/my/policies'),
  myBenefits: () => api.get('/api/my/benefits'),
  accept: (b: Pick<Benefit, 'id' | 'version'>) => api.post('/api/my/benefits/{id}/accept', { params: { path: { id: b.id } }, body: { version: b.version } }),
  benefits: (page: number) => api.get('/api/benefits', { params: { query: { page, pageSize: 20 } } }),
  stats: () => api.get('/api/policies/stats'),
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
