import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'audit',
  messages,
  routes: [{ area: 'app', path: 'audit', page: lazy(() => import('./AuditPage.tsx')), permission: 'audit.read' }],
  menu: [
    {
      key: 'audit',
      path: '/app/audit',
      label: 'nav.audit',
      icon: <AuditOutlined />,
      permission: 'audit.read',
      description: 'module.audit.desc',
      order: 150,
    },
  ],
});
