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
  // At the window, once for all members (ADR 0037).
  queue: (stage?: 'acceptance' | 'correction' | 'handling' | 'delivery') => api.get('/api/bundle-cases/window', { params: { query: { stage } } }),
  accept: (n: string, version: number) => api.post('/api/bundle-cases/{number}/accept', { ...byNumber(n), body: { version } }),
  refuse: (n: string, version: number, reason: string, legalBasis: string) =>
    api.post('/api/bundle-cases/{number}/refuse', { ...byNumber(n), body: { version, reason, legalBasis } }),
  correction: (n: string, version: number, items: { member: string; materialKey?: string | null; field?: string | null; note: string }[]) =>
    api.post('/api/bundle-cases/{number}/correction', { ...byNumber(n), body: { version, items } }),
  resubmit: (n: string, version: number, answers: { item: number; kind: 'file' | 'field' | 'note'; value?: FormAnswers[string]; note?: string | null }[]) =>
    api.post('/api/bundle-cases/{number}/resubmit', { ...byNumber(n), body: { version, answers } }),
  deliver: (n: string, version: number, method: 'window' | 'post' | 'electronic', trackingNumber?: string) =>
    api.post('/api/bundle-cases/{number}/deliver', { ...byNumber(n), body: { version, method, trackingNumber } }),
  rate: (n: string, level: '1' | '2' | '3' | '4' | '5', indicators: string[], comment?: string) =>
    api.post('/api/bundle-cases/{number}/rate', { ...byNumber(n), body: { level, indicators, comment } }),
};
