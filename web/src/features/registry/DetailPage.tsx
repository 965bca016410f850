// Detail page of one registry item: heading, all fields as Descriptions, a network object's geometry on a map, live
// data, child lists, edit/delete.
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Breadcrumb, Button, Card, Descriptions, Popconfirm, Space, Tabs, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { request } from '../../shared/api/client.ts';
import { pick, useLang, useT } from '../../shared/i18n.ts';
import { useCan } from '../../shared/user.ts';
import { ErrorState, Loading, errorMessage } from '../../shared/ui/PageState.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { ChildList } from './ChildList.tsx';
import { FormModal } from './FormModal.tsx';
import { GeometryCard, GeometryText } from './GeometryCard.tsx';
import { fieldLabel, renderValue } from './format.tsx';
import { formatTime } from '../../shared/format.ts';
import { invalidateRegistry, useResourceItem } from './queries.ts';
import { RefName } from './refs.tsx';
import { itemLabel, RESOURCES } from './resources.ts';
import type { RegistryItem, ResourceConfig } from './types.ts';

const TelemetryCard = lazy(() =>
  import('../monitoring/monitoring.public.ts').then((m) => ({ default: m.TelemetryCard })),
);
const CommunityIndoor = lazy(() =>
  import('../monitoring/monitoring.public.ts').then((m) => ({ default: m.CommunityIndoor })),
);

/** Link target of a resource's list (network entities live under the 管网 tabs). */
export function listPath(resource: RegistryResourceName): string {
  return ['network-nodes', 'pipes', 'valves'].includes(resource)
    ? `/network?tab=${resource}`
    : `/${resource}`;
}

/** Deletes the item, then drops its cached copy and returns to the resource's list. */
function useDeleteItem(resource: RegistryResourceName, id: number) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request('DELETE /:resource/:id', { params: { resource, id } }),
    onSuccess: async () => {
      void message.success(t('common.deleted'));
      queryClient.removeQueries({ queryKey: ['registry', resource, 'item', id] });
      await invalidateRegistry(queryClient);
      void navigate(listPath(resource));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
}

/** All of the item's fields, its enterprise (when scoped) and its creation and update times. */
function DetailFields({ config, data }: { config: ResourceConfig; data: RegistryItem }) {
  const t = useT();
  const lang = useLang();
  const descItems = [
    ...config.fields.map((f) => ({
      key: f.name,
      label:
        f.name === 'geometry'
          ? pick(lang, '坐标 (经度, 纬度)', 'Coordinates (lon, lat)')
          : fieldLabel(f, lang),
      children:
        f.name === 'geometry' ? (
          <GeometryText value={data.geometry} />
        ) : (
          renderValue(f, data[f.name], lang, true)
        ),
      span: f.kind === 'json' || f.kind === 'textarea' ? ('filled' as const) : undefined,
    })),
    ...(config.enterpriseScoped
      ? [
          {
            key: 'enterpriseId',
            label: t('common.enterprise'),
            children: <RefName resource="enterprises" id={data.enterpriseId} />,
          },
        ]
      : []),
    { key: 'createdAt', label: t('common.createdAt'), children: formatTime(data.createdAt) },
    { key: 'updatedAt', label: t('common.updatedAt'), children: formatTime(data.updatedAt) },
  ];
  return (
    <Card variant="borderless" title={t('common.detail')}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={descItems} />
    </Card>
  );
}

function DetailActions({
  config,
  onEdit,
  onDelete,
}: {
  config: ResourceConfig;
  onEdit: () => void;
  onDelete: () => Promise<unknown>;
}) {
  const t = useT();
  return (
    <Space>
      {config.form && (
        <Button icon={<EditOutlined />} onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
      <Popconfirm
        title={t('common.confirmDelete')}
        onConfirm={() => onDelete().catch(() => undefined)}
        okText={t('common.delete')}
        cancelText={t('common.cancel')}
      >
        <Button danger icon={<DeleteOutlined />}>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

export function DetailPage({ resource }: { resource: RegistryResourceName }) {
  const config = RESOURCES[resource];
  const t = useT();
  const canWrite = useCan(config.writePermission);
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const item = useResourceItem(resource, valid ? id : null);
  const [editing, setEditing] = useState(false);
  const remove = useDeleteItem(resource, id);

  if (!valid) return <NotFoundPage />;
  if (item.isPending) return <Loading />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;

  const data = item.data;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to={listPath(resource)}>{t(config.navKey)}</Link> },
          { title: itemLabel(data) },
        ]}
      />
      <div className="hearth-page-header">
        <Typography.Title level={2} data-testid="detail-title">
          {itemLabel(data)}
        </Typography.Title>
        {canWrite && (
          <DetailActions
            config={config}
            onEdit={() => setEditing(true)}
            onDelete={() => remove.mutateAsync()}
          />
        )}
      </div>
      <DetailFields config={config} data={data} />
      {config.fields.some((f) => f.name === 'geometry') && <GeometryCard value={data.geometry} />}
      {config.telemetry && (
        <Suspense fallback={<Loading />}>
          {config.telemetry === 'community' ? (
            <CommunityIndoor communityId={id} />
          ) : (
            <TelemetryCard target={{ kind: config.telemetry, id }} />
          )}
        </Suspense>
      )}
      {config.children.length > 0 && (
        <Card variant="borderless" style={{ marginTop: 16 }}>
          <Tabs
            items={config.children.map((c) => ({
              key: c.resource,
              label: t(RESOURCES[c.resource].navKey),
              children: <ChildList child={c} parentId={id} />,
            }))}
          />
        </Card>
      )}
      {editing && <FormModal config={config} item={data} onClose={() => setEditing(false)} />}
    </>
  );
}
