import { ShareAltOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n.ts';

export interface FutureModule {
  key: 'sharing';
  title: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  /** Roles that work in this module. */
  roles: readonly string[];
}

// Modules still being built, and who will use them (see docs: architecture.md, glossary.md). Rule of law (法治) is
// built: its feature is web/src/features/legal.
export const FUTURE_MODULES: FutureModule[] = [
  {
    key: 'sharing',
    title: 'module.sharing',
    description: 'module.sharing.desc',
    icon: <ShareAltOutlined />,
    roles: ['data_officer', 'reviewer', 'admin'],
  },
];

export function futureModulesFor(roles: readonly string[]): FutureModule[] {
  return FUTURE_MODULES.filter((m) => m.roles.some((r) => roles.includes(r)));
}
