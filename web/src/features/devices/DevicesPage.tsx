// 设备管理 page: device credentials per station/household — list, register, rotate and revoke (token shown once).
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Device, DeviceCredential } from '@hearth/contracts/telemetry';
import { request } from '../../shared/api/client.ts';
import { useT, type TFunction } from '../../shared/i18n.ts';
import { useCan } from '../../shared/user.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { isFiltered, withFilter, withoutFilters } from '../../shared/listState.ts';
import { useUrlListQuery } from '../../shared/listQuery.ts';
import { RefSelect } from '../registry/registry.public.ts';
import { useNow } from '../../shared/useNow.ts';
import { RegisterDeviceModal } from './RegisterDeviceModal.tsx';
import { TokenModal } from './TokenModal.tsx';
import { useDevicesColumns } from './columns.tsx';

const FILTERS = ['stationId', 'householdId', 'demo'] as const;

/** The devices page's rotate and revoke mutations; a rotated credential is handed to `onCredential`. */
function useDeviceActions(onCredential: (c: DeviceCredential) => void) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['devices'] });
  const rotate = useMutation({
    mutationFn: (id: number) => request('POST /devices/:id/rotate', { params: { id } }),
    onSuccess: async (c) => {
      onCredential(c);
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
  return { onRotate: rotate.mutateAsync, onRevoke: revoke.mutateAsync };
}

/** The filter bar (a builder, not a component: DataTable's <Space> spaces a fragment's children only when it gets the fragment itself). */
function devicesFilters(
  t: TFunction,
  {
    stationId,
    householdId,
    demo,
    onChange,
  }: {
    stationId: number | null;
    householdId: number | null;
    /** 'true': demo devices only; 'false': the others; undefined: all */
    demo: string | undefined;
    onChange: (key: (typeof FILTERS)[number], value: number | string | null) => void;
  },
): ReactNode {
  return (
    <>
      <Select
        value={demo ?? ''}
        onChange={(v: string) => onChange('demo', v === '' ? null : v)}
        options={[
          { value: '', label: t('devices.allDevices') },
          { value: 'true', label: t('devices.demoOnly') },
          { value: 'false', label: t('devices.notDemo') },
        ]}
        style={{ width: 140 }}
        aria-label={t('devices.demo')}
      />
      <RefSelect
        resource="stations"
        value={stationId}
        onChange={(v) => onChange('stationId', v)}
        placeholder={t('devices.station')}
        style={{ width: 220 }}
      />
      <RefSelect
        resource="households"
        value={householdId}
        onChange={(v) => onChange('householdId', v)}
        placeholder={t('devices.household')}
        style={{ width: 220 }}
      />
    </>
  );
}

export function DevicesPage() {
  const t = useT();
  const now = useNow(30_000);
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
  const columns = useDevicesColumns(now, useDeviceActions(setCredential));
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
          filters={devicesFilters(t, {
            stationId,
            householdId,
            demo: query.filters.demo,
            onChange: (key, v) => setQuery(withFilter(query, key, v)),
          })}
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
