import { StrictMode, Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { LangProvider, useLang } from './i18n.ts';
import { AuthProvider, RequireAuth } from './auth.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { RequirePermission } from './components/RequirePermission.tsx';
import { NotFound } from './components/NotFound.tsx';
import type { FeatureRoute, RouteArea } from './features/feature.ts';
import { ROUTES } from './features/features.ts';
import './styles.css';

// One chunk per page (each feature declares its pages lazily), so the public home does not load the admin pages.
const AppShell = lazy(() => import('./features/shell/AppShell.tsx'));

/** Whether the user asked the system for less motion (WCAG 2.3.3): dialogs and menus then appear without animating. */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

function AntdProvider({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      // Text of at least 4.5:1 on white (WCAG 1.4.3): antd's links (#1677ff), secondary and placeholder greys are lighter
      theme={{
        token: {
          colorPrimary: '#1d5fbf',
          colorLink: '#1d5fbf',
          // antd lightens the primary on hover; a darker shade keeps white text on it and blue text on white readable
          colorPrimaryHover: '#174d9c',
          colorLinkHover: '#174d9c',
          colorError: '#cf1322',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextDescription: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          motion: !reducedMotion,
        },
      }}
      // keep 登录 as written: no space inserted between two CJK characters
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function elementOf(route: FeatureRoute): ReactNode {
  if ('redirectTo' in route) return <Navigate to={route.redirectTo} replace />;
  const Page = route.page;
  return route.permission ? (
    <RequirePermission permission={route.permission}>
      <Page />
    </RequirePermission>
  ) : (
    <Page />
  );
}

const routesIn = (area: RouteArea) => ROUTES.filter((route) => route.area === area);

function Root() {
  return (
    <LangProvider>
      <AntdProvider>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<FullPageSpin />}>
              <Routes>
                {routesIn('public').map((route) => (
                  <Route key={route.path} path={route.path} element={elementOf(route)} />
                ))}
                {/* signed in, without the frame: the hall's tablet */}
                {routesIn('screen').map((route) => (
                  <Route key={route.path} path={route.path} element={<RequireAuth>{elementOf(route)}</RequireAuth>} />
                ))}
                <Route
                  path="/app"
                  element={
                    <RequireAuth>
                      <AppShell />
                    </RequireAuth>
                  }
                >
                  {routesIn('app').map((route) =>
                    route.path === '' ? (
                      <Route key="" index element={elementOf(route)} />
                    ) : (
                      <Route key={route.path} path={route.path} element={elementOf(route)} />
                    ),
                  )}
                  <Route path="*" element={<NotFound />} />
                </Route>
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntdProvider>
    </LangProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
