// 数据质量 page (every role; enterprise users see their own enterprise): KPI tiles, data quality per enterprise,
// indoor sampling share per enterprise and per community (the community table pages on the server; the tiles and
// the enterprise table read the unfiltered totals, one small request).
import { Typography } from 'antd';
import { useT } from '../../shared/i18n.ts';
import { useDataQuality, useSampling } from './quality.ts';
import { QualitySummary } from './QualitySummary.tsx';
import { QualityTable } from './QualityTable.tsx';
import { SamplingByCommunity, SamplingByEnterprise } from './SamplingTables.tsx';
import { BrokerAlert } from '../ingest/ingest.public.ts';

export function DataQualityPage() {
  const t = useT();
  const quality = useDataQuality();
  const sampling = useSampling();
  return (
    <>
      <div className="hearth-page-header">
        <Typography.Title level={2}>{t('nav.quality')}</Typography.Title>
      </div>
      <BrokerAlert quiet />
      <QualitySummary quality={quality.data} sampling={sampling.data} />
      <QualityTable query={quality} />
      <SamplingByEnterprise query={sampling} />
      <SamplingByCommunity />
    </>
  );
}
