import { ApiOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'exchange',
  messages,
  routes: [{ area: 'app', path: 'exchange', page: lazy(() => import('./ExchangePage.tsx')), permission: 'exchange.read' }],
  menu: [
    {
      key: 'exchange',
      path: '/app/exchange',
      label: 'nav.exchange',
      icon: <ApiOutlined />,
      permission: 'exchange.read',
      description: 'module.exchange.desc',
      order: 140,
    },
  ],
});
