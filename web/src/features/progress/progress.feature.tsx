import { FileSyncOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'progress',
  messages,
  routes: [{ area: 'public', path: '/progress', page: lazy(() => import('./ProgressPage.tsx')) }],
  publicMenu: [{ key: 'progress', path: '/progress', match: '/progress', label: 'nav.progress', icon: <FileSyncOutlined />, order: 25 }],
});
