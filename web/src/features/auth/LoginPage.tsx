// Login page: username/password → POST /api/auth/login, stores the token and goes to the requested page.
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { FireFilled, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest } from '@hearth/contracts/auth';
import { request } from '../../shared/api/client.ts';
import { setToken, useToken } from '../../shared/session.ts';
import { setLang, useLang, useT, type Lang } from '../../shared/i18n.ts';
import { ME_QUERY_KEY } from '../../shared/user.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const t = useT();
  const lang = useLang();
  const token = useToken();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [justLoggedIn, setJustLoggedIn] = useState(false);
  const login = useMutation({
    mutationFn: (body: LoginRequest) => request('POST /auth/login', { body }),
    onSuccess: (res) => {
      queryClient.clear();
      queryClient.setQueryData([...ME_QUERY_KEY, res.token], res.user);
      setJustLoggedIn(true);
      setToken(res.token);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  if (token && !justLoggedIn) return <Navigate to={safeNext(params.get('next'))} replace />;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #2b1d16 0%, #7a2e0e 55%, #d4380d 100%)',
      }}
    >
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <FireFilled style={{ color: '#fa541c' }} /> {t('app.title')}
          </Typography.Title>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: '中', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
          Hearth · 保暖保供 · 迎峰度冬
        </Typography.Paragraph>
        {login.isError && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(login.error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<LoginRequest> layout="vertical" requiredMark={false} onFinish={(v) => login.mutate(v)}>
          <Form.Item
            label={t('auth.username')}
            name="username"
            rules={[{ required: true, message: t('auth.required') }]}
          >
            <Input id="username" prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('auth.required') }]}
          >
            <Input.Password id="password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
