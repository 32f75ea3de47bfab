import { BookOutlined, GiftOutlined, TrophyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'policies',
  messages,
  routes: [
    { area: 'public', path: '/policies', page: lazy(() => import('./PublicPoliciesPage.tsx')) },
    { area: 'public', path: '/policies/:code', page: lazy(() => import('./PublicPolicyPage.tsx')) },
    { area: 'app', path: 'my-policies', page: lazy(() => import('./MyPoliciesPage.tsx')), permission: 'policies.own' },
    { area: 'app', path: 'benefits', page: lazy(() => import('./BenefitsPage.tsx')), permission: 'benefits.read' },
    { area: 'app', path: 'policies', page: lazy(() => import('./PolicyLibraryPage.tsx')), permission: 'policies.read' },
    { area: 'app', path: 'policies/import', page: lazy(() => import('./PolicyImportPage.tsx')), permission: 'policies.edit' },
    { area: 'app', path: 'policies/:id/conditions', page: lazy(() => import('./PolicyConditionsPage.tsx')), permission: 'policies.edit' },
  ],
  menu: [
    {
      key: 'my-policies',
      path: '/app/my-policies',
      label: 'nav.myPolicies',
      icon: <GiftOutlined />,
      permission: 'policies.own',
      description: 'module.myPolicies.desc',
      order: 35,
    },
    {
      key: 'policies',
      path: '/app/policies',
      label: 'nav.policyLibrary',
      icon: <BookOutlined />,
      permission: 'policies.read',
      description: 'module.policyLibrary.desc',
      order: 127,
    },
    {
      key: 'benefits',
      path: '/app/benefits',
      label: 'nav.benefits',
      icon: <TrophyOutlined />,
      permission: 'benefits.read',
      description: 'module.benefits.desc',
      order: 128,
    },
  ],
});
