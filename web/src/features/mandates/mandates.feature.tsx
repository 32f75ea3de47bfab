import { UserSwitchOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'mandates',
  messages,
  routes: [{ area: 'app', path: 'mandates', page: lazy(() => import('./MandatesPage.tsx')), permission: 'cases.apply' }],
  menu: [
    {
      key: 'mandates',
      path: '/app/mandates',
      label: 'nav.mandates',
      icon: <UserSwitchOutlined />,
      permission: 'cases.apply',
      description: 'module.mandates.desc',
      order: 30,
    },
  ],
});
