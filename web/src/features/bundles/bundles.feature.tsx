import { AppstoreAddOutlined, ClusterOutlined, InboxOutlined, PartitionOutlined } from '@ant-design/icons';
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
    // The general window: bundle cases to accept once and to deliver once (ADR 0037).
    { area: 'app', path: 'bundle-window', page: lazy(() => import('./BundleWindowPage.tsx')), permission: 'cases.accept' },
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
      key: 'bundle-window',
      path: '/app/bundle-window',
      label: 'nav.bundleWindow',
      icon: <InboxOutlined />,
      permission: 'cases.accept',
      description: 'module.bundleWindow.desc',
      order: 22,
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
