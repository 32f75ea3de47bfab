import { Button, Layout, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth.tsx';
import { useT } from '../i18n.ts';
import { Brand } from './Brand.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The header of the pages that need no sign-in. */
export function PublicHeader({ showLogin = true }: { showLogin?: boolean }) {
  const t = useT();
  const { state } = useAuth();
  return (
    <Layout.Header className="app-header">
      <Brand to="/" />
      <Space size="middle">
        <LanguageSwitch />
        {showLogin &&
          (state.status === 'signedIn' ? (
            <Link to="/app">
              <Button type="primary" ghost data-testid="home-workbench">
                {t('home.goWorkbench')}
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
