import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'home',
  messages,
  routes: [{ area: 'public', path: '/', page: lazy(() => import('./HomePage.tsx')) }],
});
