import { CalendarOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'calendar',
  messages,
  routes: [{ area: 'app', path: 'calendar', page: lazy(() => import('./CalendarPage.tsx')), permission: 'calendar.manage' }],
  menu: [
    {
      key: 'calendar',
      path: '/app/calendar',
      label: 'nav.calendar',
      icon: <CalendarOutlined />,
      permission: 'calendar.manage',
      description: 'module.calendar.desc',
      order: 140,
    },
  ],
});
