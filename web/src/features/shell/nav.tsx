// The pages of the signed-in app and the permission each needs: the menu, the route guards and the
// workbench cards all read this one list.
import {
  AlertOutlined,
  AuditOutlined,
  DesktopOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  IdcardOutlined,
  LikeOutlined,
  SolutionOutlined,
  StarOutlined,
  TagsOutlined,
  BookOutlined,
  BranchesOutlined,
  CloudUploadOutlined,
  FileSearchOutlined,
  SafetyOutlined,
  CalendarOutlined,
  ApartmentOutlined,
  HomeOutlined,
  KeyOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n.ts';

export interface NavItem {
  key:
    | 'workbench'
    | 'cases'
    | 'licences'
    | 'mandates'
    | 'window'
    | 'review'
    | 'supervision'
    | 'remedies'
    | 'licenceManage'
    | 'catalog'
    | 'harmonisation'
    | 'inspection'
    | 'import'
    | 'licenceTypes'
    | 'calendar'
    | 'audit'
    | 'users'
    | 'departments'
    | 'password';
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
  { key: 'cases', path: '/app/cases', label: 'nav.cases', icon: <FileTextOutlined />, permission: 'cases.apply', description: 'module.myCases.desc' },
  { key: 'licences', path: '/app/licences', label: 'nav.licences', icon: <IdcardOutlined />, permission: 'cases.apply', description: 'module.wallet.desc' },
  { key: 'mandates', path: '/app/mandates', label: 'nav.mandates', icon: <UserSwitchOutlined />, permission: 'cases.apply', description: 'module.mandates.desc' },
  { key: 'window', path: '/app/window', label: 'nav.window', icon: <DesktopOutlined />, permission: 'cases.accept', description: 'module.window.desc' },
  { key: 'review', path: '/app/review', label: 'nav.review', icon: <SolutionOutlined />, permission: 'cases.review', description: 'module.review.desc' },
  {
    key: 'supervision',
    path: '/app/supervision',
    label: 'nav.supervision',
    icon: <AlertOutlined />,
    permission: 'cases.supervise',
    description: 'module.supervision.desc',
  },
  { key: 'remedies', path: '/app/remedies', label: 'nav.remedies', icon: <LikeOutlined />, permission: 'ratings.remedy', description: 'module.remedies.desc' },
  {
    key: 'licenceManage',
    path: '/app/licences/manage',
    label: 'nav.licenceManage',
    icon: <FileDoneOutlined />,
    permission: 'licenses.revoke',
    description: 'module.licenceManage.desc',
  },
  {
    key: 'catalog',
    path: '/app/catalog',
    label: 'nav.catalog',
    icon: <BookOutlined />,
    permission: 'catalog.inspect',
    description: 'module.catalog.desc',
  },
  {
    // listing base items needs catalog.edit; the template itself is saved with catalog.review
    key: 'harmonisation',
    path: '/app/catalog/harmonisation',
    label: 'nav.harmonisation',
    icon: <BranchesOutlined />,
    permission: 'catalog.edit',
    description: 'module.harmonisation.desc',
  },
  {
    key: 'inspection',
    path: '/app/catalog/inspection',
    label: 'nav.inspection',
    icon: <SafetyOutlined />,
    permission: 'catalog.inspect',
    description: 'module.inspection.desc',
  },
  {
    key: 'import',
    path: '/app/catalog/import',
    label: 'nav.import',
    icon: <CloudUploadOutlined />,
    permission: 'catalog.edit',
    description: 'module.import.desc',
  },
  {
    key: 'licenceTypes',
    path: '/app/licences/types',
    label: 'nav.licenceTypes',
    icon: <TagsOutlined />,
    permission: 'license_types.manage',
    description: 'module.licenceTypes.desc',
  },
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

/** The pages anyone can open without signing in, linked from the public header. */
export const PUBLIC_NAV_ITEMS: { key: string; path: string; match: string; label: MessageKey; icon: ReactNode }[] = [
  { key: 'items', path: '/items', match: '/items', label: 'nav.publicSearch', icon: <FileSearchOutlined /> },
  { key: 'lists', path: '/lists/powers', match: '/lists', label: 'nav.publicLists', icon: <BookOutlined /> },
  { key: 'ratings', path: '/ratings', match: '/ratings', label: 'nav.publicRatings', icon: <StarOutlined /> },
];

export function visibleNavItems(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || permissions.includes(item.permission));
}
