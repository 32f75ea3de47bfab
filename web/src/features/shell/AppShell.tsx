import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useSession } from '../../auth.tsx';
import { Brand } from '../../components/Brand.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';
import { visibleMenu } from '../features.ts';
import { NotificationBell } from './NotificationBell.tsx';

/** The signed-in frame: header, menu from the user's permissions, and the page. */
export default function AppShell() {
  const t = useT();
  const { user, permissions } = useSession();
  const { logout } = useAuth();
  const showError = useShowError();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // md is 768px and up; below it the menu moves into a drawer
  const isMobile = screens.md === false;
  const [isDrawerOpen, setIsDrawerOpen] = useState(false);

  const navItems = visibleMenu(permissions);
  const selected = navItems
    .filter((i) => location.pathname === i.path || location.pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];

  const menuItems: MenuProps['items'] = navItems.map((item) => ({
    key: item.path,
    icon: item.icon,
    label: <span data-testid={`menu-${item.key}`}>{t(item.label)}</span>,
  }));

  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected.path] : []}
      onClick={({ key }) => {
        setIsDrawerOpen(false);
        navigate(key);
      }}
      data-testid="app-menu"
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const signOut = async () => {
    try {
      await logout();
    } catch (err) {
      showError(err);
    }
    navigate('/login', { replace: true });
  };

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Space size="small">
          {isMobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => setIsDrawerOpen(true)}
              data-testid="mobile-menu-button"
              className="app-header-button"
            />
          )}
          <Brand to="/app" />
        </Space>
        <Space size={isMobile ? 'small' : 'middle'}>
          {!isMobile && (
            <Typography.Text className="app-header-user" data-testid="current-user">
              <UserOutlined /> {user.displayName}
            </Typography.Text>
          )}
          <NotificationBell className="app-header-button" />
          <LanguageSwitch />
          <Button type="text" icon={<LogoutOutlined />} onClick={signOut} data-testid="logout" className="app-header-button" aria-label={t('common.logout')}>
            {!isMobile && t('common.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {!isMobile && (
          <Layout.Sider width={208} theme="light" className="app-sider">
            {menu}
          </Layout.Sider>
        )}
        {isMobile && (
          <Drawer
            open={isDrawerOpen}
            onClose={() => setIsDrawerOpen(false)}
            placement="left"
            size={260}
            title={user.displayName}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
        <Layout.Content className="app-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
