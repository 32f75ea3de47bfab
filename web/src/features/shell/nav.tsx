// The pages of the signed-in app and the permission each needs: the menu, the route guards and the
// workbench cards all read this one list.
import {
  AuditOutlined,
  CalendarOutlined,
  ApartmentOutlined,
  HomeOutlined,
  KeyOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n.ts';

export interface NavItem {
  key: 'workbench' | 'calendar' | 'audit' | 'users' | 'departments' | 'password';
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Absent: every signed-in user. */
  permission?: string;
  /** Shown as a workbench card when present. */
  description?: MessageKey;
}

export const NAV_ITEMS: NavItem[] = [
  { key: 'workbench', path: '/app', label: 'nav.workbench', icon: <HomeOutlined /> },
  {
    key: 'calendar',
    path: '/app/calendar',
    label: 'nav.calendar',
    icon: <CalendarOutlined />,
    permission: 'calendar.manage',
    description: 'module.calendar.desc',
  },
  {
    key: 'audit',
    path: '/app/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    description: 'module.audit.desc',
  },
  {
    key: 'users',
    path: '/app/users',
    label: 'nav.users',
    icon: <TeamOutlined />,
    permission: 'users.manage',
    description: 'module.users.desc',
  },
  {
    key: 'departments',
    path: '/app/departments',
    label: 'nav.departments',
    icon: <ApartmentOutlined />,
    permission: 'departments.manage',
    description: 'module.departments.desc',
  },
  { key: 'password', path: '/app/password', label: 'nav.password', icon: <KeyOutlined /> },
];

export function visibleNavItems(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || permissions.includes(item.permission));
}
