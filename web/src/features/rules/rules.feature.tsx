import { ThunderboltOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'rules',
  messages,
  routes: [{ area: 'app', path: 'rules', page: lazy(() => import('./RulesPage.tsx')), permission: 'rules.read' }],
  menu: [
    {
      key: 'rules',
      path: '/app/rules',
      label: 'nav.rules',
      icon: <ThunderboltOutlined />,
      permission: 'rules.read',
      description: 'module.rules.desc',
      order: 127,
    },
  ],
});
