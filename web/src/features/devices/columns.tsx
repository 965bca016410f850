// 设备管理 table columns: the target (station or household), the credential state and the rotate/revoke actions.
import { Button, Popconfirm, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { KeyOutlined, StopOutlined } from '@ant-design/icons';
import type { Device } from '@hearth/contracts/telemetry';
import { useT } from '../../shared/i18n.ts';
import { useCan, useUser } from '../../shared/user.ts';
import { formatTime } from '../../shared/format.ts';
import { RefName } from '../registry/registry.public.ts';
import { LastSeen } from '../monitoring/monitoring.public.ts';

function DeviceTarget({ device: d }: { device: Device }) {
  const t = useT();
  return d.stationId !== null ? (
    <Space size={4}>
      <Tag>{t('devices.station')}</Tag>
      <RefName resource="stations" id={d.stationId} />
    </Space>
  ) : (
    <Space size={4}>
      <Tag color="blue">{t('devices.household')}</Tag>
      <RefName resource="households" id={d.householdId} />
    </Space>
  );
}

function DeviceState({ device: d }: { device: Device }) {
  const t = useT();
  return !d.active ? (
    <Tag color="red">{t('devices.revoked')}</Tag>
  ) : d.credentialEnded ? (
    <Tooltip title={t('devices.credentialEndedHint')}>
      <Tag color="orange">{t('devices.credentialEnded')}</Tag>
    </Tooltip>
  ) : (
    <Tag color="green">{t('devices.enabled')}</Tag>
  );
}

function DeviceCreatedAt({ device: d }: { device: Device }) {
  const t = useT();
  return (
    <Tooltip title={d.rotatedAt ? `${t('devices.rotate')}: ${formatTime(d.rotatedAt)}` : undefined}>
      <span style={{ whiteSpace: 'nowrap' }}>{formatTime(d.createdAt)}</span>
    </Tooltip>
  );
}

export interface DeviceActionsProps {
  onRotate: (id: number) => Promise<unknown>;
  onRevoke: (id: number) => Promise<unknown>;
}

function DeviceActions({ device: d, onRotate, onRevoke }: DeviceActionsProps & { device: Device }) {
  const t = useT();
  return (
    <Space size={0}>
      <Popconfirm
        title={t('devices.confirmRotate')}
        onConfirm={() => onRotate(d.id).catch(() => undefined)}
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
        onConfirm={() => onRevoke(d.id).catch(() => undefined)}
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
  );
}

/** The devices table's columns; the enterprise column only for users above one enterprise, actions only with write. */
export function useDevicesColumns(now: number, actions: DeviceActionsProps): TableColumnsType<Device> {
  const t = useT();
  const user = useUser();
  const canWrite = useCan('devices.write');
  return [
    { key: 'id', dataIndex: 'id', title: 'ID', width: 72 },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('devices.name'),
      render: (v: string | null, d: Device) => (
        <Space size={4}>
          {v ?? <Typography.Text type="secondary">—</Typography.Text>}
          {d.demo && <Tag color="purple">{t('devices.demo')}</Tag>}
        </Space>
      ),
    },
    { key: 'target', title: t('devices.target'), render: (_, d) => <DeviceTarget device={d} /> },
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
      render: (_: boolean, d: Device) => <DeviceState device={d} />,
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
    { key: 'createdAt', title: t('common.createdAt'), render: (_, d) => <DeviceCreatedAt device={d} /> },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right' as const,
            render: (_: unknown, d: Device) => <DeviceActions device={d} {...actions} />,
          },
        ]
      : []),
  ];
}
