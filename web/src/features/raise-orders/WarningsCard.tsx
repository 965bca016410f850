// 寒潮预警 at the top of the 升温令 page: each forecast day (min/max, 24 h drop, level) and the current warnings;
// a city manager issues an order for a warning day from here.
import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { WARNING_LEVEL_LABELS, type WarningDay, type WarningLevel } from '@hearth/contracts/raise-orders';
import { request } from '../../shared/api/client.ts';
import { enumLabel, useLang } from '../../shared/i18n.ts';
import { ErrorState } from '../../shared/ui/PageState.tsx';
import { LEVEL_COLORS, useRaiseText } from './raiseText.ts';
import { shortDay } from './raiseFormat.ts';

const DAYS = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(132px, 1fr))',
  gap: 8,
} as const;
const TILE = {
  border: '1px solid rgba(5,5,5,0.06)',
  borderRadius: 6,
  padding: '8px 10px',
  lineHeight: 1.7,
} as const;

function DayTile({ day }: { day: WarningDay }) {
  const lang = useLang();
  const rt = useRaiseText();
  return (
    <div style={TILE} data-testid={`warning-day-${day.date}`} data-level={day.level ?? 'none'}>
      <Typography.Text strong>{shortDay(day.date)}</Typography.Text>
      <div>
        {day.min.toFixed(1)} / {day.max.toFixed(1)} ℃
      </div>
      <Typography.Text type="secondary">
        {rt('drop')} {day.drop === null ? '—' : `${day.drop.toFixed(1)} ℃`}
      </Typography.Text>
      <div>
        {day.level ? (
          <Tag color={LEVEL_COLORS[day.level]} title={day.triggers.join(' ')}>
            {enumLabel(lang, WARNING_LEVEL_LABELS, day.level)}
          </Tag>
        ) : (
          <Tag>—</Tag>
        )}
      </div>
    </div>
  );
}

export function WarningsCard({
  onIssue,
}: {
  /** when given (city managers), a button per warning issues an order for its first day */
  onIssue?: (warning: { date: string; level: WarningLevel }) => void;
}) {
  const lang = useLang();
  const rt = useRaiseText();
  const warnings = useQuery({
    queryKey: ['weather', 'warnings'],
    queryFn: ({ signal }) => request('GET /weather/warnings', { signal }),
    refetchInterval: 300_000,
  });
  if (warnings.isError) return <ErrorState error={warnings.error} onRetry={() => void warnings.refetch()} />;
  const data = warnings.data;
  return (
    <Card
      title={rt('warnings')}
      loading={warnings.isPending}
      variant="borderless"
      data-testid="cold-wave-warnings"
      extra={
        data && (
          <Typography.Text type="secondary">
            {rt(data.dropBasis === 'mean' ? 'dropOfMean' : 'dropOfMin')}
          </Typography.Text>
        )
      }
      style={{ marginBottom: 16 }}
    >
      {data && (
        <Flex vertical gap={12}>
          {data.warnings.length === 0 ? (
            <Alert type="success" showIcon message={rt('noWarning')} />
          ) : (
            data.warnings.map((w) => (
              <Alert
                key={w.level}
                type={w.level === 'blue' ? 'info' : w.level === 'yellow' ? 'warning' : 'error'}
                showIcon
                message={
                  <span>
                    <Tag color={LEVEL_COLORS[w.level]}>{enumLabel(lang, WARNING_LEVEL_LABELS, w.level)}</Tag>
                    {w.days
                      .map(
                        (d) =>
                          `${shortDay(d.date)} ${rt('forecastMin')} ${d.min.toFixed(1)} ℃${d.drop !== null ? `${lang === 'en' ? ', ' : '，'}${rt('drop')} ${d.drop.toFixed(1)} ℃` : ''}`,
                      )
                      .join(lang === 'en' ? '; ' : '；')}
                  </span>
                }
                action={
                  onIssue && (
                    <Button
                      size="small"
                      onClick={() => onIssue({ date: w.days[0]?.date ?? '', level: w.level })}
                    >
                      {rt('issueFromWarning')}
                    </Button>
                  )
                }
              />
            ))
          )}
          <div style={DAYS}>
            {data.days.map((d) => (
              <DayTile key={d.date} day={d} />
            ))}
          </div>
        </Flex>
      )}
    </Card>
  );
}
