import { AppstoreAddOutlined, ClusterOutlined, PartitionOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'bundles',
  messages,
  routes: [
    { area: 'public', path: '/bundles', page: lazy(() => import('./BundlesPage.tsx')) },
    { area: 'public', path: '/bundles/:code', page: lazy(() => import('./BundleGuidePage.tsx')) },
    { area: 'app', path: 'bundles', page: lazy(() => import('./BundleEditorPage.tsx')), permission: 'bundles.edit' },
    // 一件事一次办 (ADR 0036): apply once from the guide, then my bundles with their members' progress.
    { area: 'app', path: 'bundle-apply/:code', page: lazy(() => import('./BundleApplyPage.tsx')), permission: 'cases.apply' },
    { area: 'app', path: 'my-bundles', page: lazy(() => import('./MyBundlesPage.tsx')), permission: 'cases.apply' },
    { area: 'app', path: 'bundle-cases/:number', page: lazy(() => import('./BundleCasePage.tsx')) },
  ],
  menu: [
    {
      key: 'bundles',
      path: '/app/bundles',
      label: 'nav.bundleEditor',
      icon: <AppstoreAddOutlined />,
      permission: 'bundles.edit',
      description: 'module.bundles.desc',
      order: 125,
    },
    {
      key: 'my-bundles',
      path: '/app/my-bundles',
      label: 'nav.myBundles',
      icon: <ClusterOutlined />,
      permission: 'cases.apply',
      description: 'module.myBundles.desc',
      order: 11,
    },
  ],
  publicMenu: [{ key: 'bundles', path: '/bundles', match: '/bundles', label: 'nav.bundles', icon: <PartitionOutlined />, order: 15 }],
});
