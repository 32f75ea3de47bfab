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
import './styles.css';

// One chunk per page, so the public home does not load the admin pages.
const HomePage = lazy(() => import('./features/home/HomePage.tsx'));
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx'));
const AppShell = lazy(() => import('./features/shell/AppShell.tsx'));
const WorkbenchPage = lazy(() => import('./features/workbench/WorkbenchPage.tsx'));
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage.tsx'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx'));
const UsersPage = lazy(() => import('./features/users/UsersPage.tsx'));
const DepartmentsPage = lazy(() => import('./features/departments/DepartmentsPage.tsx'));
const PasswordPage = lazy(() => import('./features/auth/PasswordPage.tsx'));
const SearchPage = lazy(() => import('./features/catalog/SearchPage.tsx'));
const GuidePage = lazy(() => import('./features/catalog/GuidePage.tsx'));
const ListsPage = lazy(() => import('./features/catalog/ListsPage.tsx'));
const ImplementationsPage = lazy(() => import('./features/catalog/ImplementationsPage.tsx'));
const EditorPage = lazy(() => import('./features/catalog/EditorPage.tsx'));
const HarmonisationPage = lazy(() => import('./features/catalog/HarmonisationPage.tsx'));
const InspectionPage = lazy(() => import('./features/catalog/InspectionPage.tsx'));
const ImportPage = lazy(() => import('./features/catalog/ImportPage.tsx'));
const ApplyPage = lazy(() => import('./features/cases/ApplyPage.tsx'));
const MyCasesPage = lazy(() => import('./features/cases/MyCasesPage.tsx'));
const CasePage = lazy(() => import('./features/cases/CasePage.tsx'));
const WindowPage = lazy(() => import('./features/cases/WindowPage.tsx'));
const CounterRatePage = lazy(() => import('./features/ratings/CounterRatePage.tsx'));
const ReviewPage = lazy(() => import('./features/cases/ReviewPage.tsx'));
const SupervisionPage = lazy(() => import('./features/ratings/SupervisionPage.tsx'));
const RemediesPage = lazy(() => import('./features/ratings/RemediesPage.tsx'));
const PublicRatingsPage = lazy(() => import('./features/ratings/PublicRatingsPage.tsx'));
const WalletPage = lazy(() => import('./features/licences/WalletPage.tsx'));
const LicenceManagePage = lazy(() => import('./features/licences/ManagePage.tsx'));
const VerifyPage = lazy(() => import('./features/licences/VerifyPage.tsx'));
const LicenceTypesPage = lazy(() => import('./features/licences/LicenceTypesPage.tsx'));
const MandatesPage = lazy(() => import('./features/mandates/MandatesPage.tsx'));

/** Whether the user asked the system for less motion (WCAG 2.3.3): dialogs and menus then appear without animating. */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

function AntdProvider({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1d5fbf', motion: !reducedMotion } }}
      // keep 登录 as written: no space inserted between two CJK characters
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function guarded(permission: string | readonly string[], page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

function Root() {
  return (
    <LangProvider>
      <AntdProvider>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<FullPageSpin />}>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/items" element={<SearchPage />} />
                <Route path="/guide/:code" element={<GuidePage />} />
                <Route path="/lists" element={<Navigate to="/lists/powers" replace />} />
                <Route path="/lists/:list" element={<ListsPage />} />
                <Route path="/verify" element={<VerifyPage />} />
                <Route path="/verify/:identifier" element={<VerifyPage />} />
                <Route path="/ratings" element={<PublicRatingsPage />} />
                {/* the hall's tablet: the counter rating fills the screen, without the menu */}
                <Route
                  path="/app/window/rate/:number"
                  element={<RequireAuth>{guarded('cases.accept', <CounterRatePage />)}</RequireAuth>}
                />
                <Route
                  path="/app"
                  element={
                    <RequireAuth>
                      <AppShell />
                    </RequireAuth>
                  }
                >
                  <Route index element={<WorkbenchPage />} />
                  <Route path="apply/:code" element={guarded(['cases.apply', 'cases.accept'], <ApplyPage />)} />
                  <Route path="cases" element={guarded('cases.apply', <MyCasesPage />)} />
                  <Route path="cases/:number" element={<CasePage />} />
                  <Route path="window" element={guarded('cases.accept', <WindowPage />)} />
                  <Route path="review" element={guarded('cases.review', <ReviewPage />)} />
                  <Route path="supervision" element={guarded('cases.supervise', <SupervisionPage />)} />
                  <Route path="remedies" element={guarded('ratings.remedy', <RemediesPage />)} />
                  <Route path="licences" element={guarded('cases.apply', <WalletPage />)} />
                  <Route path="licences/manage" element={guarded('licenses.revoke', <LicenceManagePage />)} />
                  <Route path="licences/types" element={guarded('license_types.manage', <LicenceTypesPage />)} />
                  <Route path="mandates" element={guarded('cases.apply', <MandatesPage />)} />
                  <Route path="catalog" element={guarded('catalog.inspect', <ImplementationsPage />)} />
                  <Route path="catalog/harmonisation" element={guarded('catalog.edit', <HarmonisationPage />)} />
                  <Route path="catalog/inspection" element={guarded('catalog.inspect', <InspectionPage />)} />
                  <Route path="catalog/import" element={guarded('catalog.edit', <ImportPage />)} />
                  <Route path="catalog/:id" element={guarded('catalog.inspect', <EditorPage />)} />
                  <Route path="calendar" element={guarded('calendar.manage', <CalendarPage />)} />
                  <Route path="audit" element={guarded('audit.read', <AuditPage />)} />
                  <Route path="users" element={guarded('users.manage', <UsersPage />)} />
                  <Route path="departments" element={guarded('departments.manage', <DepartmentsPage />)} />
                  <Route path="password" element={<PasswordPage />} />
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
