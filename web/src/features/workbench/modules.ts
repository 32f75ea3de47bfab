import type { MessageKey } from '../../i18n.ts';

export interface FutureModule {
  key: 'cases' | 'catalogue' | 'licences' | 'ratings' | 'sharing' | 'legal';
  title: MessageKey;
  description: MessageKey;
  /** Roles that work in this module. */
  roles: readonly string[];
}

// Modules still being built, and who will use them (see docs: architecture.md, glossary.md).
export const FUTURE_MODULES: FutureModule[] = [
  {
    key: 'cases',
    title: 'module.cases',
    description: 'module.cases.desc',
    roles: ['applicant_person', 'applicant_org', 'agent', 'clerk', 'reviewer', 'supervisor', 'admin'],
  },
  {
    key: 'catalogue',
    title: 'module.catalogue',
    description: 'module.catalogue.desc',
    roles: ['item_admin', 'clerk', 'reviewer', 'supervisor', 'admin'],
  },
  {
    key: 'licences',
    title: 'module.licences',
    description: 'module.licences.desc',
    roles: ['applicant_person', 'applicant_org', 'agent', 'clerk', 'reviewer', 'data_officer', 'admin'],
  },
  {
    key: 'ratings',
    title: 'module.ratings',
    description: 'module.ratings.desc',
    roles: ['applicant_person', 'applicant_org', 'agent', 'clerk', 'supervisor', 'admin'],
  },
  {
    key: 'sharing',
    title: 'module.sharing',
    description: 'module.sharing.desc',
    roles: ['data_officer', 'reviewer', 'admin'],
  },
  {
    key: 'legal',
    title: 'module.legal',
    description: 'module.legal.desc',
    roles: ['legal_officer', 'supervisor', 'admin'],
  },
];

export function futureModulesFor(roles: readonly string[]): FutureModule[] {
  return FUTURE_MODULES.filter((m) => m.roles.some((r) => roles.includes(r)));
}
