// A registry resource's full list: filters, table, XLSX/CSV export and import, and the create/edit dialog.
import { useCallback, useMemo, useState } from 'react';
import { Button } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { isFiltered, withoutFilters } from '../../shared/listState.ts';
import { useLang, useT } from '../../shared/i18n.ts';
import { useCan, useUser } from '../../shared/user.ts';
import { FormModal } from './FormModal.tsx';
import { ImportDialog } from '../import/import.public.ts';
import { ExportButtons } from '../../shared/ui/ExportButtons.tsx';
import { ListFilters } from './ListFilters.tsx';
import { useUrlListQuery } from '../../shared/listQuery.ts';
import { ResourceTable } from './ResourceTable.tsx';
import type { FilterDef, RegistryItem, ResourceConfig } from './types.ts';

const ENTERPRISE_FILTER: FilterDef = {
  param: 'enterpriseId',
  label: '所属企业',
  en: 'Enterprise',
  kind: 'ref',
  ref: 'enterprises',
};

export function ListPanel({ config }: { config: ResourceConfig }) {
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const filters = useMemo(
    () =>
      config.enterpriseScoped && user.role !== 'enterprise'
        ? [ENTERPRISE_FILTER, ...config.filters]
        : config.filters,
    [config, user.role],
  );
  const filterParams = useMemo(() => filters.map((f) => f.param), [filters]);
  const [query, setQuery] = useUrlListQuery(filterParams);
  const [editing, setEditing] = useState<{ item: RegistryItem | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const canWrite = useCan(config.writePermission);
  const onEdit = useCallback((item: RegistryItem) => setEditing({ item }), []);

  return (
    <>
      <ResourceTable
        config={config}
        query={query}
        onQueryChange={setQuery}
        canWrite={canWrite}
        onEdit={onEdit}
        toolbar={{
          filters: <ListFilters filters={filters} query={query} onChange={setQuery} />,
          onReset: isFiltered(query) ? () => setQuery(withoutFilters(query)) : undefined,
          actions: (
            <>
              <ExportButtons
                path={`/${config.name}/export`}
                query={{ q: query.q, ...query.filters, lang }}
                baseName={config.name}
                testId="export"
              />
              {canWrite && config.importable && (
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {t('common.import')}
                </Button>
              )}
              {canWrite && config.form && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ item: null })}>
                  {t('common.create')}
                </Button>
              )}
            </>
          ),
        }}
      />
      {editing && <FormModal config={config} item={editing.item} onClose={() => setEditing(null)} />}
      {importing && <ImportDialog resource={config.name} onClose={() => setImporting(false)} />}
    </>
  );
}
