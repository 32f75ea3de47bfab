import { KeyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature } from '../feature.ts';
import { messages } from './messages.ts';

export const feature = defineFeature({
  name: 'auth',
  messages,
  routes: [
    { area: 'public', path: '/login', page: lazy(() => import('./LoginPage.tsx')) },
    { area: 'public', path: '/register', page: lazy(() => import('./RegisterPage.tsx')) },
    { area: 'public', path: '/forgot-password', page: lazy(() => import('./ForgotPasswordPage.tsx')) },
    { area: 'app', path: 'password', page: lazy(() => import('./PasswordPage.tsx')) },
  ],
  menu: [{ key: 'password', path: '/app/password', label: 'nav.password', icon: <KeyOutlined />, order: 180 }],
});
