import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'users',
  messages,
  routes: [{ area: 'app', path: 'users', page: lazy(() => import('./UsersPage.tsx')), permission: 'users.manage' }],
  menu: [
    {
      key: 'users',
      path: '/app/users',
      label: 'nav.users',
      icon: <TeamOutlined />,
      permission: 'users.manage',
      description: 'module.users.desc',
      order: 160,
    },
  ],
});
