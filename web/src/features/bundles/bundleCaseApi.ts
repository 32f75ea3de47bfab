// The bundle cases API as the bundle pages call it (一件事一次办, ADR 0036).
import { api } from '../../api.ts';
import type { FormAnswers } from '../../api/types.ts';

const byNumber = (number: string) => ({ params: { path: { number } } });

export const bundleCaseApi = {
  /** A draft bundle case: one merged form; its materials are supplied once, then it is submitted once. */
  apply: (bundleCode: string, answers: FormAnswers) => api.create('/api/bundle-cases', { body: { bundleCode, answers, submit: false } }),
  mine: () => api.get('/api/bundle-cases/mine'),
  get: (n: string) => api.get('/api/bundle-cases/{number}', byNumber(n)),
  upload: (n: string, identity: string, file: File) =>
    api.putFile('/api/bundle-cases/{number}/materials', file, { params: { path: { number: n }, query: { identity, fileName: file.name } } }),
  pledge: (n: string, identity: string) =>
    api.post('/api/bundle-cases/{number}/materials/pledge', { ...byNumber(n), params: { path: { number: n }, query: { identity } } }),
  submit: (n: string, version: number) => api.post('/api/bundle-cases/{number}/submit', { ...byNumber(n), body: { version } }),
  withdraw: (n: string, version: number, reason: string) => api.post('/api/bundle-cases/{number}/withdraw', { ...byNumber(n), body: { version, reason } }),
};
