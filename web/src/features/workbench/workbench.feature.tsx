import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'workbench',
  messages,
  routes: [{ area: 'app', path: '', page: lazy(() => import('./WorkbenchPage.tsx')) }],
  menu: [{ key: 'workbench', path: '/app', label: 'nav.workbench', icon: <HomeOutlined />, order: 0 }],
});
