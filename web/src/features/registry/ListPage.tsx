// Route page for a registry list: heading plus the resource's ListPanel.
import { Card, Typography } from 'antd';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { useT } from '../../shared/i18n.ts';
import { ListPanel } from './ListPanel.tsx';
import { RESOURCES } from './resources.ts';

export function ListPage({ resource }: { resource: RegistryResourceName }) {
  const t = useT();
  const config = RESOURCES[resource];
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t(config.navKey)}
      </Typography.Title>
      <Card variant="borderless">
        <ListPanel key={resource} config={config} />
      </Card>
    </>
  );
}
