import { ApiOutlined, ClusterOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'exchange',
  messages,
  routes: [
    { area: 'app', path: 'exchange', page: lazy(() => import('./ExchangePage.tsx')), permission: 'exchange.read' },
    { area: 'app', path: 'exchange/endpoints', page: lazy(() => import('./EndpointsPage.tsx')), permission: 'exchange.endpoints' },
  ],
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
    {
      key: 'exchange-endpoints',
      path: '/app/exchange/endpoints',
      label: 'nav.exchangeEndpoints',
      icon: <ClusterOutlined />,
      permission: 'exchange.endpoints',
      order: 141,
    },
  ],
});
