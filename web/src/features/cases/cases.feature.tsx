import { DesktopOutlined, FileTextOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'cases',
  messages,
  routes: [
    { area: 'app', path: 'apply/:code', page: lazy(() => import('./ApplyPage.tsx')), permission: ['cases.apply', 'cases.accept'] },
    { area: 'app', path: 'cases', page: lazy(() => import('./MyCasesPage.tsx')), permission: 'cases.apply' },
    { area: 'app', path: 'cases/:number', page: lazy(() => import('./CasePage.tsx')) },
    { area: 'app', path: 'window', page: lazy(() => import('./WindowPage.tsx')), permission: 'cases.accept' },
    { area: 'app', path: 'review', page: lazy(() => import('./ReviewPage.tsx')), permission: 'cases.review' },
  ],
  menu: [
    {
      key: 'cases',
      path: '/app/cases',
      label: 'nav.cases',
      icon: <FileTextOutlined />,
      permission: 'cases.apply',
      description: 'module.myCases.desc',
      order: 10,
    },
    {
      key: 'window',
      path: '/app/window',
      label: 'nav.window',
      icon: <DesktopOutlined />,
      permission: 'cases.accept',
      description: 'module.window.desc',
      order: 40,
    },
    {
      key: 'review',
      path: '/app/review',
      label: 'nav.review',
      icon: <SolutionOutlined />,
      permission: 'cases.review',
      description: 'module.review.desc',
      order: 50,
    },
  ],
});
