// Ring chart of heated area by energy type (Overview.byEnergyType).
import { useMemo } from 'react';
import { Card } from 'antd';
import { HEAT_SOURCE_TYPE_LABELS } from '@hearth/contracts/registry';
import type { Overview } from '@hearth/contracts/stats';
import { useT } from '../../shared/i18n.ts';
import { EmptyState } from '../../shared/ui/PageState.tsx';
import { EChart } from '../../shared/chart/EChart.tsx';
import type { ChartOption } from '../../shared/chart/echarts.ts';
import { SOURCE_COLORS } from './mapOption.ts';

export function EnergyChart({ overview }: { overview: Overview }) {
  const t = useT();
  const rows = overview.byEnergyType.filter((r) => r.heatedAreaM2 > 0);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const params = Array.isArray(p) ? p[0] : p;
          const row = rows.find((r) => r.type === params?.name);
          if (!row) return '';
          return [
            `<b>${HEAT_SOURCE_TYPE_LABELS[row.type]}</b> ${params?.percent ?? 0}%`,
            `${t('overview.area')}: ${(row.heatedAreaM2 / 1e4).toFixed(1)}`,
            `${t('overview.heatSources')}: ${row.heatSources} · ${row.capacityMw.toFixed(0)} MW`,
            `${t('overview.households')}: ${row.households.toLocaleString()}`,
          ].join('<br/>');
        },
      },
      legend: {
        orient: 'vertical',
        right: 0,
        top: 'middle',
        formatter: (name: string) =>
          HEAT_SOURCE_TYPE_LABELS[name as keyof typeof HEAT_SOURCE_TYPE_LABELS] ?? name,
      },
      series: [
        {
          type: 'pie',
          radius: ['42%', '70%'],
          center: ['38%', '50%'],
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { formatter: '{d}%' },
          data: rows.map((r) => ({
            name: r.type,
            value: r.heatedAreaM2,
            itemStyle: { color: SOURCE_COLORS[r.type] },
          })),
        },
      ],
    }),
    [rows, t],
  );
  return (
    <Card variant="borderless" title={t('overview.byEnergy')} style={{ height: '100%' }}>
      {rows.length === 0 ? (
        <EmptyState />
      ) : (
        <EChart option={option} style={{ height: 300 }} data-testid="energy-chart" />
      )}
    </Card>
  );
}
