import { GiftOutlined, TrophyOutlined } from '@ant-design/icons';
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
