import { AuditOutlined, BookOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'legal',
  messages,
  routes: [
    { area: 'app', path: 'legal', page: lazy(() => import('./LegalPage.tsx')), permission: 'legal.read' },
    { area: 'public', path: '/laws', page: lazy(() => import('./LibraryPage.tsx')) },
    { area: 'public', path: '/laws/:id', page: lazy(() => import('./PublicDocumentPage.tsx')) },
  ],
  menu: [
    {
      key: 'legal',
      path: '/app/legal',
      label: 'nav.legal',
      icon: <AuditOutlined />,
      permission: 'legal.read',
      description: 'legal.moduleDesc',
      order: 135,
    },
  ],
  publicMenu: [{ key: 'laws', path: '/laws', match: '/laws', label: 'nav.laws', icon: <BookOutlined />, order: 35 }],
});
