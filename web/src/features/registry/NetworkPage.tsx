// 管网 page: tabs for network nodes, pipes and valves, each the generic registry list.
import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { useT } from '../../shared/i18n.ts';
import { ListPanel } from './ListPanel.tsx';
import { RESOURCES } from './resources.ts';

const TABS = ['network-nodes', 'pipes', 'valves'] as const satisfies readonly RegistryResourceName[];
type NetworkTab = (typeof TABS)[number];

function isTab(v: string | null): v is NetworkTab {
  return TABS.some((t) => t === v);
}

export function NetworkPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: NetworkTab = isTab(raw) ? raw : 'network-nodes';
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('nav.network')}
      </Typography.Title>
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key })}
          items={TABS.map((r) => ({ key: r, label: t(RESOURCES[r].navKey) }))}
        />
        <ListPanel key={tab} config={RESOURCES[tab]} />
      </Card>
    </>
  );
}
