import { DesktopOutlined, FileTextOutlined, ProfileOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

// 办件台账: the window, the departments and supervision, each within its own scope (the server decides it).
const REGISTER_PERMISSIONS = ['cases.accept', 'cases.review', 'cases.supervise'] as const;

export const feature = defineFeature({
  name: 'cases',
  messages,
  routes: [
    { area: 'app', path: 'apply/:code', page: lazy(() => import('./ApplyPage.tsx')), permission: ['cases.apply', 'cases.accept'] },
    { area: 'app', path: 'cases', page: lazy(() => import('./MyCasesPage.tsx')), permission: 'cases.apply' },
    { area: 'app', path: 'cases/:number', page: lazy(() => import('./CasePage.tsx')) },
    { area: 'app', path: 'window', page: lazy(() => import('./WindowPage.tsx')), permission: 'cases.accept' },
    { area: 'app', path: 'review', page: lazy(() => import('./ReviewPage.tsx')), permission: 'cases.review' },
    { area: 'app', path: 'pledge-checks', page: lazy(() => import('./PledgeChecksPage.tsx')), permission: 'cases.review' },
    { area: 'app', path: 'case-register', page: lazy(() => import('./CaseRegisterPage.tsx')), permission: REGISTER_PERMISSIONS },
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
    {
      key: 'pledge-checks',
      path: '/app/pledge-checks',
      label: 'nav.pledgeChecks',
      icon: <SafetyCertificateOutlined />,
      permission: 'cases.review',
      description: 'module.pledgeChecks.desc',
      order: 52,
    },
    {
      key: 'case-register',
      path: '/app/case-register',
      label: 'nav.caseRegister',
      icon: <ProfileOutlined />,
      permission: REGISTER_PERMISSIONS,
      description: 'module.caseRegister.desc',
      order: 55,
    },
  ],
});
