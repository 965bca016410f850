// Console shell: left navigation, header (language toggle, user, logout) and the routed page.
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Layout, Menu, Segmented, Space, Tag, Typography } from 'antd';
import { FireFilled, LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS } from '@hearth/contracts/auth';
import { request } from '../shared/api/client.ts';
import { setToken } from '../shared/session.ts';
import { enumLabel, setLang, useLang, useT, type Lang } from '../shared/i18n.ts';
import { useUser } from '../shared/user.ts';
import { menuItems, selectedMenuKey } from './nav.tsx';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const user = useUser();
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);

  const logout = async () => {
    try {
      await request('POST /auth/logout');
    } catch {
      // the session may already be gone; log out locally regardless
    }
    setToken(null);
    queryClient.clear();
    void navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} breakpoint="lg">
        <div className="hearth-brand">
          <FireFilled style={{ color: '#fa541c', fontSize: 20 }} />
          {!collapsed && <span>{t('app.title')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedMenuKey(location.pathname)]}
          items={menuItems(user, t)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
          <Space size={8} data-testid="current-user">
            <Typography.Text strong>{user.displayName || user.username}</Typography.Text>
            <Tag color="volcano" data-testid="role-tag">
              {enumLabel(lang, ROLE_LABELS, user.role)}
            </Tag>
          </Space>
          <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t('auth.logout')}
          </Button>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
