// The coldest communities 最冷小区 by mean indoor temperature: name (to the community page), enterprise, ℃, households.
import { Link } from 'react-router';
import { Card, Empty, Tag, Typography } from 'antd';
import type { LiveOverview } from '@hearth/contracts/live-overview';
import { formatNumber } from '../../shared/format.ts';
import { useLiveT } from './liveLabels.ts';

export function ColdestCommunities({ live, big = false }: { live: LiveOverview; big?: boolean }) {
  const t = useLiveT();
  const { coldest, standardC } = live.indoor;
  const size = big ? 17 : 14;
  return (
    <Card variant="borderless" title={t('coldest')} style={{ height: '100%' }}>
      {coldest.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coldestNone')} />
      ) : (
        <ol data-testid="coldest-communities" style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
          {coldest.map((c, i) => (
            <li
              key={c.communityId}
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 8,
                padding: big ? '8px 0' : '6px 0',
                borderTop: i === 0 ? undefined : '1px solid rgba(128,128,128,0.15)',
                fontSize: size,
              }}
            >
              <Tag color={i === 0 ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
                {i + 1}
              </Tag>
              <div
                style={{
                  flex: 1,
                  minWidth: 0,
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                  textOverflow: 'ellipsis',
                }}
              >
                <Link to={`/communities/${c.communityId}`}>{c.name}</Link>
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: size - 2 }}>
                  {c.enterpriseName}
                </Typography.Text>
              </div>
              <Typography.Text
                strong
                style={{ color: c.meanIndoorC < standardC ? '#cf1322' : undefined, fontSize: size }}
              >
                {formatNumber(c.meanIndoorC, 1)} ℃
              </Typography.Text>
              <Typography.Text
                type="secondary"
                style={{ width: big ? 84 : 64, textAlign: 'right', fontSize: size - 2 }}
              >
                {t('households', { n: formatNumber(c.sensors) })}
              </Typography.Text>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
