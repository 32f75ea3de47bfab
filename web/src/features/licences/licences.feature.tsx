import { FileDoneOutlined, IdcardOutlined, TagsOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

const VerifyPage = lazy(() => import('./VerifyPage.tsx'));

export const feature = defineFeature({
  name: 'licences',
  messages,
  routes: [
    { area: 'public', path: '/verify', page: VerifyPage },
    { area: 'public', path: '/verify/:identifier', page: VerifyPage },
    { area: 'app', path: 'licences', page: lazy(() => import('./WalletPage.tsx')), permission: 'cases.apply' },
    { area: 'app', path: 'licences/manage', page: lazy(() => import('./ManagePage.tsx')), permission: 'licenses.revoke' },
    { area: 'app', path: 'licences/types', page: lazy(() => import('./LicenceTypesPage.tsx')), permission: 'license_types.manage' },
  ],
  menu: [
    {
      key: 'licences',
      path: '/app/licences',
      label: 'nav.licences',
      icon: <IdcardOutlined />,
      permission: 'cases.apply',
      description: 'module.wallet.desc',
      order: 20,
    },
    {
      key: 'licenceManage',
      path: '/app/licences/manage',
      label: 'nav.licenceManage',
      icon: <FileDoneOutlined />,
      permission: 'licenses.revoke',
      description: 'module.licenceManage.desc',
      order: 80,
    },
    {
      key: 'licenceTypes',
      path: '/app/licences/types',
      label: 'nav.licenceTypes',
      icon: <TagsOutlined />,
      permission: 'license_types.manage',
      description: 'module.licenceTypes.desc',
      order: 130,
    },
  ],
});
