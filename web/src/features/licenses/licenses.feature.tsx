import { FileDoneOutlined, IdcardOutlined, ProfileOutlined, TagsOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

const VerifyPage = lazy(() => import('./VerifyPage.tsx'));

export const feature = defineFeature({
  name: 'licenses',
  messages,
  routes: [
    { area: 'public', path: '/verify', page: VerifyPage },
    { area: 'public', path: '/verify/:identifier', page: VerifyPage },
    { area: 'app', path: 'licenses', page: lazy(() => import('./WalletPage.tsx')), permission: 'cases.apply' },
    { area: 'app', path: 'licenses/manage', page: lazy(() => import('./ManagePage.tsx')), permission: 'licenses.revoke' },
    { area: 'app', path: 'licenses/register', page: lazy(() => import('./RegisterPage.tsx')), permission: 'licenses.issue' },
    { area: 'app', path: 'licenses/types', page: lazy(() => import('./LicenseTypesPage.tsx')), permission: 'license_types.manage' },
  ],
  menu: [
    {
      key: 'licenses',
      path: '/app/licenses',
      label: 'nav.licenses',
      icon: <IdcardOutlined />,
      permission: 'cases.apply',
      description: 'module.wallet.desc',
      order: 20,
    },
    {
      key: 'licenseRegister',
      path: '/app/licenses/register',
      label: 'nav.licenseRegister',
      icon: <ProfileOutlined />,
      permission: 'licenses.issue',
      description: 'module.licenseRegister.desc',
      order: 79,
    },
    {
      key: 'licenseManage',
      path: '/app/licenses/manage',
      label: 'nav.licenseManage',
      icon: <FileDoneOutlined />,
      permission: 'licenses.revoke',
      description: 'module.licenseManage.desc',
      order: 80,
    },
    {
      key: 'licenseTypes',
      path: '/app/licenses/types',
      label: 'nav.licenseTypes',
      icon: <TagsOutlined />,
      permission: 'license_types.manage',
      description: 'module.licenseTypes.desc',
      order: 130,
    },
  ],
});
