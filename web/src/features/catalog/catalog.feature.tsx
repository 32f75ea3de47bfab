import { BookOutlined, BranchesOutlined, CloudUploadOutlined, FileSearchOutlined, SafetyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'catalog',
  messages,
  routes: [
    { area: 'public', path: '/items', page: lazy(() => import('./SearchPage.tsx')) },
    { area: 'public', path: '/guide/:code', page: lazy(() => import('./GuidePage.tsx')) },
    { area: 'public', path: '/lists', redirectTo: '/lists/powers' },
    { area: 'public', path: '/lists/:list', page: lazy(() => import('./ListsPage.tsx')) },
    { area: 'app', path: 'catalog', page: lazy(() => import('./ImplementationsPage.tsx')), permission: 'catalog.inspect' },
    { area: 'app', path: 'catalog/harmonisation', page: lazy(() => import('./HarmonisationPage.tsx')), permission: 'catalog.edit' },
    { area: 'app', path: 'catalog/inspection', page: lazy(() => import('./InspectionPage.tsx')), permission: 'catalog.inspect' },
    { area: 'app', path: 'catalog/import', page: lazy(() => import('./ImportPage.tsx')), permission: 'catalog.edit' },
    { area: 'app', path: 'catalog/:id', page: lazy(() => import('./EditorPage.tsx')), permission: 'catalog.inspect' },
  ],
  menu: [
    {
      key: 'catalog',
      path: '/app/catalog',
      label: 'nav.catalog',
      icon: <BookOutlined />,
      permission: 'catalog.inspect',
      description: 'module.catalog.desc',
      order: 90,
    },
    {
      // listing base items needs catalog.edit; the template itself is saved with catalog.review
      key: 'harmonisation',
      path: '/app/catalog/harmonisation',
      label: 'nav.harmonisation',
      icon: <BranchesOutlined />,
      permission: 'catalog.edit',
      description: 'module.harmonisation.desc',
      order: 100,
    },
    {
      key: 'inspection',
      path: '/app/catalog/inspection',
      label: 'nav.inspection',
      icon: <SafetyOutlined />,
      permission: 'catalog.inspect',
      description: 'module.inspection.desc',
      order: 110,
    },
    {
      key: 'import',
      path: '/app/catalog/import',
      label: 'nav.import',
      icon: <CloudUploadOutlined />,
      permission: 'catalog.edit',
      description: 'module.import.desc',
      order: 120,
    },
  ],
  publicMenu: [
    { key: 'items', path: '/items', match: '/items', label: 'nav.publicSearch', icon: <FileSearchOutlined />, order: 10 },
    { key: 'lists', path: '/lists/powers', match: '/lists', label: 'nav.publicLists', icon: <BookOutlined />, order: 20 },
  ],
});
