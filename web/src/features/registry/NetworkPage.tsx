// 管网 page: the pipe network on a map beside the tabbed tables of network nodes, pipes and valves (side by side on
// wide screens, stacked below 1600 px); a row click rings and centres its object on the map, an object clicked on
// the map opens its tab searched by its code with the row marked; the tab's kind/enterprise filters apply to the map.
import { useMemo, useState, type MouseEvent } from 'react';
import { Card, Col, Grid, Row, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { pick, useLang, useT } from '../../shared/i18n.ts';
import { ListPanel } from './ListPanel.tsx';
import { NetworkMapPanel } from './NetworkMapPanel.tsx';
import type { LayerFilters, Selected } from './networkMapOption.ts';
import { RESOURCES } from './resources.ts';

const TABS = ['network-nodes', 'pipes', 'valves'] as const satisfies readonly RegistryResourceName[];
type NetworkTab = (typeof TABS)[number];

function isTab(v: string | null): v is NetworkTab {
  return TABS.some((t) => t === v);
}

/** The row id under a click in the table, unless the click was on a link or a button of the row. */
function rowIdOf(e: MouseEvent): number | null {
  const target = e.target as HTMLElement;
  if (target.closest('a, button, .ant-popover, .ant-pagination')) return null;
  const id = Number(target.closest('tr[data-row-key]')?.getAttribute('data-row-key'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

export function NetworkPage() {
  const t = useT();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: NetworkTab = isTab(raw) ? raw : 'network-nodes';
  const [selected, setSelected] = useState<Selected>(null);
  const sel = selected?.layer === tab ? selected : null;
  const kind = tab === 'pipes' ? undefined : (params.get('kind') ?? undefined);
  const enterpriseId = params.get('enterpriseId') ?? undefined;
  const filters = useMemo<LayerFilters>(() => ({ kind, enterpriseId }), [kind, enterpriseId]);
  const wide = screens.xxl === true;

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('nav.network')}
      </Typography.Title>
      <style>{`
        [data-testid="network-tables"] .ant-table-tbody > tr { cursor: pointer; }
        ${sel ? `[data-testid="network-tables"] .ant-table-tbody > tr[data-row-key="${sel.id}"] > td { background: #e6f4ff !important; }` : ''}
      `}</style>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={10}>
          <Card
            variant="borderless"
            size="small"
            title={pick(lang, '管网分布', 'Network map')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {pick(
                  lang,
                  '点击对象选中表格行，点击表格行在图上定位',
                  'Click an object or a row to find the other',
                )}
              </Typography.Text>
            }
          >
            <NetworkMapPanel
              layer={tab}
              filters={filters}
              selected={sel}
              height={wide ? 640 : 380}
              onSelect={(s) => {
                setSelected({ layer: s.layer, id: s.id });
                setParams({ tab: s.layer, q: s.code });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={14}>
          <Card variant="borderless">
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams({ tab: key })}
              items={TABS.map((r) => ({ key: r, label: t(RESOURCES[r].navKey) }))}
            />
            <div
              data-testid="network-tables"
              onClick={(e) => {
                const id = rowIdOf(e);
                if (id !== null) setSelected({ layer: tab, id });
              }}
            >
              <ListPanel key={tab} config={RESOURCES[tab]} />
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}
