import { ApartmentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'departments',
  messages,
  routes: [{ area: 'app', path: 'departments', page: lazy(() => import('./DepartmentsPage.tsx')), permission: 'departments.manage' }],
  menu: [
    {
      key: 'departments',
      path: '/app/departments',
      label: 'nav.departments',
      icon: <ApartmentOutlined />,
      permission: 'departments.manage',
      description: 'module.departments.desc',
      order: 170,
    },
  ],
});
