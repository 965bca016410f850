// 用户 page (admin): paginated user list (role labels and departments by name) with enable/disable and the
// create-user dialog.
import { useState } from 'react';
import { App, Button, Card, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, type User } from '@hearth/contracts/auth';
import { request } from '../../shared/api/client.ts';
import { enumLabel, useLang, useT } from '../../shared/i18n.ts';
import { useUser } from '../../shared/user.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { DepartmentName, RefName } from '../registry/registry.public.ts';
import { formatTime } from '../../shared/format.ts';
import { CreateUserModal } from './CreateUserModal.tsx';

type ActiveToggle = { pendingId: number | undefined; onToggle: (id: number, active: boolean) => void };

function ActiveSwitch({ user: u, pendingId, onToggle }: ActiveToggle & { user: User }) {
  const t = useT();
  const me = useUser();
  return (
    <Switch
      size="small"
      checked={u.active}
      disabled={u.id === me.id}
      loading={pendingId === u.id}
      checkedChildren={t('users.enabled')}
      unCheckedChildren={t('users.disabled')}
      onChange={(v) => onToggle(u.id, v)}
    />
  );
}

function useUsersColumns(toggle: ActiveToggle): TableColumnsType<User> {
  const t = useT();
  const lang = useLang();
  return [
    { key: 'username', dataIndex: 'username', title: t('auth.username') },
    { key: 'displayName', dataIndex: 'displayName', title: t('users.displayName') },
    {
      key: 'role',
      dataIndex: 'role',
      title: t('users.role'),
      render: (r: User['role']) => <Tag color="volcano">{enumLabel(lang, ROLE_LABELS, r)}</Tag>,
    },
    {
      key: 'enterpriseId',
      dataIndex: 'enterpriseId',
      title: t('common.enterprise'),
      render: (v: number | null) => <RefName resource="enterprises" id={v} />,
    },
    {
      key: 'departmentCode',
      dataIndex: 'departmentCode',
      title: t('users.department'),
      render: (v: string | null) => <DepartmentName code={v} />,
    },
    {
      key: 'active',
      dataIndex: 'active',
      title: t('users.active'),
      render: (_: boolean, u) => <ActiveSwitch user={u} {...toggle} />,
    },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('common.createdAt'), render: (v) => formatTime(v) },
  ];
}

export function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const users = useQuery({
    queryKey: ['users', page],
    queryFn: ({ signal }) => request('GET /users', { query: page, signal }),
    placeholderData: keepPreviousData,
  });
  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) =>
      request('PATCH /users/:id', { params: { id }, body: { active } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const columns = useUsersColumns({
    pendingId: setActive.isPending ? setActive.variables.id : undefined,
    onToggle: (id, active) => setActive.mutate({ id, active }),
  });

  return (
    <>
      <div className="hearth-page-header">
        <Typography.Title level={2}>{t('nav.users')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </div>
      <Card variant="borderless">
        <DataTable<User>
          rowKey="id"
          size="large"
          columns={columns}
          query={users}
          rows={users.data?.items}
          paging={{
            page: page.page,
            pageSize: page.pageSize,
            total: users.data?.total,
            onChange: (p, pageSize) => setPage({ page: p, pageSize }),
          }}
        />
      </Card>
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
    </>
  );
}
