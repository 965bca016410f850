// 设备管理 page: device credentials per station/household — list, register, rotate and revoke (token shown once).
import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { KeyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Device, DeviceCredential } from '@hearth/contracts/telemetry';
import { request } from '../../shared/api/client.ts';
import { useT } from '../../shared/i18n.ts';
import { useCan, useUser } from '../../shared/user.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { isFiltered, withFilter, withoutFilters } from '../../shared/listState.ts';
import { formatTime } from '../../shared/format.ts';
import { useUrlListQuery } from '../../shared/listQuery.ts';
import { RefName, RefSelect } from '../registry/registry.public.ts';
import { LastSeen } from '../monitoring/monitoring.public.ts';
import { useNow } from '../../shared/useNow.ts';
import { RegisterDeviceModal } from './RegisterDeviceModal.tsx';
import { TokenModal } from './TokenModal.tsx';

const FILTERS = ['stationId', 'householdId'] as const;

export function DevicesPage() {
  const t = useT();
  const user = useUser();
  const now = useNow(30_000);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [query, setQuery] = useUrlListQuery(FILTERS);
  const [registering, setRegistering] = useState(false);
  const [credential, setCredential] = useState<DeviceCredential | null>(null);
  const canWrite = useCan('devices.write');
  const params = { page: query.page, pageSize: query.pageSize, ...query.filters };
  const devices = useQuery({
    queryKey: ['devices', params],
    queryFn: ({ signal }) => request('GET /devices', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['devices'] });
  const rotate = useMutation({
    mutationFn: (id: number) => request('POST /devices/:id/rotate', { params: { id } }),
    onSuccess: async (c) => {
      setCredential(c);
      await refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => request('POST /devices/:id/revoke', { params: { id } }),
    onSuccess: async () => {
      void message.success(t('devices.revokedDone'));
      await refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<Device> = [
    { key: 'id', dataIndex: 'id', title: 'ID', width: 72 },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('devices.name'),
      render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'target',
      title: t('devices.target'),
      render: (_, d) =>
        d.stationId !== null ? (
          <Space size={4}>
            <Tag>{t('devices.station')}</Tag>
            <RefName resource="stations" id={d.stationId} />
          </Space>
        ) : (
          <Space size={4}>
            <Tag color="blue">{t('devices.household')}</Tag>
            <RefName resource="households" id={d.householdId} />
          </Space>
        ),
    },
    ...(user.role === 'enterprise'
      ? []
      : [
          {
            key: 'enterpriseId',
            title: t('common.enterprise'),
            render: (_: unknown, d: Device) => <RefName resource="enterprises" id={d.enterpriseId} />,
          },
        ]),
    {
      key: 'active',
      dataIndex: 'active',
      title: t('devices.active'),
      width: 90,
      render: (v: boolean, d: Device) =>
        !v ? (
          <Tag color="red">{t('devices.revoked')}</Tag>
        ) : d.credentialEnded ? (
          <Tooltip title={t('devices.credentialEndedHint')}>
            <Tag color="orange">{t('devices.credentialEnded')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">{t('devices.enabled')}</Tag>
        ),
    },
    {
      key: 'topic',
      dataIndex: 'topic',
      title: t('devices.topic'),
      render: (v: string) => (
        <Typography.Text code copyable style={{ fontSize: 12 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      key: 'lastSeenAt',
      title: t('devices.lastSeen'),
      render: (_, d) => <LastSeen ts={d.lastSeenAt} now={now} />,
    },
    {
      key: 'createdAt',
      title: t('common.createdAt'),
      render: (_, d) => (
        <Tooltip title={d.rotatedAt ? `${t('devices.rotate')}: ${formatTime(d.rotatedAt)}` : undefined}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatTime(d.createdAt)}</span>
        </Tooltip>
      ),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right' as const,
            render: (_: unknown, d: Device) => (
              <Space size={0}>
                <Popconfirm
                  title={t('devices.confirmRotate')}
                  onConfirm={() => rotate.mutateAsync(d.id).catch(() => undefined)}
                  okText={t('devices.rotate')}
                  cancelText={t('common.cancel')}
                  disabled={!d.active}
                >
                  <Button type="link" size="small" icon={<KeyOutlined />} disabled={!d.active}>
                    {t('devices.rotate')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('devices.confirmRevoke')}
                  onConfirm={() => revoke.mutateAsync(d.id).catch(() => undefined)}
                  okText={t('devices.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  disabled={!d.active}
                >
                  <Button type="link" size="small" danger icon={<StopOutlined />} disabled={!d.active}>
                    {t('devices.revoke')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const stationId = query.filters.stationId ? Number(query.filters.stationId) : null;
  const householdId = query.filters.householdId ? Number(query.filters.householdId) : null;
  return (
    <>
      <div className="hearth-page-header">
        <Typography.Title level={2}>{t('nav.devices')}</Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            {t('devices.register')}
          </Button>
        )}
      </div>
      <Card variant="borderless">
        <DataTable<Device>
          rowKey="id"
          testId="devices-table"
          columns={columns}
          query={devices}
          rows={devices.data?.items}
          filters={
            <>
              <RefSelect
                resource="stations"
                value={stationId}
                onChange={(v) => setQuery(withFilter(query, 'stationId', v))}
                placeholder={t('devices.station')}
                style={{ width: 220 }}
              />
              <RefSelect
                resource="households"
                value={householdId}
                onChange={(v) => setQuery(withFilter(query, 'householdId', v))}
                placeholder={t('devices.household')}
                style={{ width: 220 }}
              />
            </>
          }
          onReset={isFiltered(query) ? () => setQuery(withoutFilters(query)) : undefined}
          paging={{
            page: query.page,
            pageSize: query.pageSize,
            total: devices.data?.total,
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
        />
      </Card>
      {registering && (
        <RegisterDeviceModal
          stationId={stationId ?? undefined}
          onClose={() => setRegistering(false)}
          onCreated={(c) => {
            setRegistering(false);
            setCredential(c);
          }}
        />
      )}
      {credential && <TokenModal credential={credential} onClose={() => setCredential(null)} />}
    </>
  );
}
