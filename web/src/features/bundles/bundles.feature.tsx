import { AppstoreAddOutlined, BarChartOutlined, ClusterOutlined, DiffOutlined, InboxOutlined, PartitionOutlined } from '@ant-design/icons';
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
    // Statistics for supervisors and item admins (each as the API scopes them); harmonisation across regions (ADR 0045).
    { area: 'app', path: 'bundle-statistics', page: lazy(() => import('./BundleStatisticsPage.tsx')), permission: ['cases.supervise', 'bundles.edit'] },
    { area: 'app', path: 'bundle-harmonisation', page: lazy(() => import('./BundleHarmonisationPage.tsx')), permission: 'bundles.edit' },
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
      key: 'bundle-harmonisation',
      path: '/app/bundle-harmonisation',
      label: 'nav.bundleHarmonisation',
      icon: <DiffOutlined />,
      permission: 'bundles.edit',
      description: 'module.bundleHarmonisation.desc',
      order: 126,
    },
    {
      key: 'bundle-statistics',
      path: '/app/bundle-statistics',
      label: 'nav.bundleStatistics',
      icon: <BarChartOutlined />,
      permission: ['cases.supervise', 'bundles.edit'],
      description: 'module.bundleStatistics.desc',
      order: 127,
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
