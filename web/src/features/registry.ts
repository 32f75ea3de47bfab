// The web app's features, one line each: adding a feature is its folder (<name>.feature.ts(x) declaring its pages,
// menu entries and messages, re-exported by its index.ts) and one line here (ADR 0023). features.ts derives the
// routes, the menus and the message dictionary from this list. The line names the declaration file, not the index:
// the index also re-exports components for other features, which would pull them into the first page's bundle.
export { feature as audit } from './audit/audit.feature.tsx';
export { feature as auth } from './auth/auth.feature.tsx';
export { feature as bundles } from './bundles/bundles.feature.tsx';
export { feature as calendar } from './calendar/calendar.feature.tsx';
export { feature as cases } from './cases/cases.feature.tsx';
export { feature as catalog } from './catalog/catalog.feature.tsx';
export { feature as departments } from './departments/departments.feature.tsx';
export { feature as exchange } from './exchange/exchange.feature.tsx';
export { feature as home } from './home/home.feature.ts';
export { feature as legal } from './legal/legal.feature.tsx';
export { feature as jobs } from './jobs/jobs.feature.tsx';
export { feature as licenses } from './licenses/licenses.feature.tsx';
export { feature as mandates } from './mandates/mandates.feature.tsx';
export { feature as policies } from './policies/policies.feature.tsx';
export { feature as progress } from './progress/progress.feature.tsx';
export { feature as ratings } from './ratings/ratings.feature.tsx';
export { feature as rules } from './rules/rules.feature.tsx';
export { feature as shell } from './shell/shell.feature.ts';
export { feature as users } from './users/users.feature.tsx';
export { feature as workbench } from './workbench/workbench.feature.tsx';
