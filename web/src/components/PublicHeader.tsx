import { AppstoreOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Space } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { useT } from '../i18n.ts';
import { PUBLIC_MENU } from '../features/features.ts';
import { Brand } from './Brand.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The header of the pages that need no sign-in: the brand, the public pages, language and sign-in. */
export function PublicHeader({ showLogin = true }: { showLogin?: boolean }) {
  const t = useT();
  const { state } = useAuth();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.sm === false;
  return (
    <Layout.Header className="app-header public-header">
      <Space size={isNarrow ? 4 : 'large'}>
        <Brand to="/" />
        <nav className="public-nav" aria-label={t('app.name')}>
          {PUBLIC_MENU.map((item) => (
            <Link
              key={item.key}
              to={item.path}
              className={location.pathname.startsWith(item.match) ? 'public-nav-link public-nav-link-active' : 'public-nav-link'}
              data-testid={`public-nav-${item.key}`}
              aria-label={t(item.label)}
            >
              {item.icon}
              {!isNarrow && <span>{t(item.label)}</span>}
            </Link>
          ))}
        </nav>
      </Space>
      <Space size={isNarrow ? 'small' : 'middle'}>
        <LanguageSwitch />
        {showLogin &&
          (state.status === 'signedIn' ? (
            <Link to="/app">
              {/* on a phone the public links and the language switch leave room for an icon only */}
              <Button type="primary" ghost data-testid="home-workbench" icon={isNarrow ? <AppstoreOutlined /> : undefined} aria-label={t('home.goWorkbench')}>
                {!isNarrow && t('home.goWorkbench')}
              </Button>
            </Link>
          ) : (
            <Link to="/login">
              <Button type="primary" ghost data-testid="home-login">
                {t('common.login')}
              </Button>
            </Link>
          ))}
      </Space>
    </Layout.Header>
  );
}
