import { AlertOutlined, LikeOutlined, StarOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'ratings',
  messages,
  routes: [
    { area: 'public', path: '/ratings', page: lazy(() => import('./PublicRatingsPage.tsx')) },
    // the hall's tablet: the counter rating fills the screen, without the menu
    { area: 'screen', path: '/app/window/rate/:number', page: lazy(() => import('./CounterRatePage.tsx')), permission: 'cases.accept' },
    { area: 'app', path: 'supervision', page: lazy(() => import('./SupervisionPage.tsx')), permission: 'cases.supervise' },
    { area: 'app', path: 'remedies', page: lazy(() => import('./RemediesPage.tsx')), permission: 'ratings.remedy' },
  ],
  menu: [
    {
      key: 'supervision',
      path: '/app/supervision',
      label: 'nav.supervision',
      icon: <AlertOutlined />,
      permission: 'cases.supervise',
      description: 'module.supervision.desc',
      order: 60,
    },
    {
      key: 'remedies',
      path: '/app/remedies',
      label: 'nav.remedies',
      icon: <LikeOutlined />,
      permission: 'ratings.remedy',
      description: 'module.remedies.desc',
      order: 70,
    },
  ],
  publicMenu: [{ key: 'ratings', path: '/ratings', match: '/ratings', label: 'nav.publicRatings', icon: <StarOutlined />, order: 30 }],
});
