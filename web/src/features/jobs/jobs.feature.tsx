import { ScheduleOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'jobs',
  messages,
  routes: [{ area: 'app', path: 'jobs', page: lazy(() => import('./JobsPage.tsx')), permission: 'jobs.read' }],
  menu: [
    {
      key: 'jobs',
      path: '/app/jobs',
      label: 'nav.jobs',
      icon: <ScheduleOutlined />,
      permission: 'jobs.read',
      description: 'module.jobs.desc',
      order: 155,
    },
  ],
});
