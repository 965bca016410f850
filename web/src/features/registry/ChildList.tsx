// A registry list embedded in a detail page, fixed to one parent (e.g. the communities of a station).
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useT } from '../../shared/i18n.ts';
import { useLocalListQuery } from '../../shared/listQuery.ts';
import { ResourceTable } from './ResourceTable.tsx';
import { RESOURCES } from './resources.ts';
import type { ChildListDef } from './types.ts';

export function ChildList({ child, parentId }: { child: ChildListDef; parentId: number }) {
  const t = useT();
  const filters = useMemo(() => ({ [child.param]: String(parentId) }), [child.param, parentId]);
  const [query, setQuery] = useLocalListQuery(filters);
  const hide = useMemo(() => [child.param, 'enterpriseId'], [child.param]);
  return (
    <div data-testid={`child-${child.resource}`}>
      <ResourceTable
        config={RESOURCES[child.resource]}
        query={query}
        onQueryChange={setQuery}
        hideColumns={hide}
      />
      <Link to={`/${child.resource}?${child.param}=${parentId}`}>
        <Button type="link" icon={<RightOutlined />} iconPlacement="end">
          {t('common.viewAll')}
        </Button>
      </Link>
    </div>
  );
}
