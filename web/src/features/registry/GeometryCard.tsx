// The geometry of a network object (node, pipe, valve) on a small map with the network around it, and its
// coordinates as text (5-decimal lon, lat) — never raw GeoJSON.
import { useMemo } from 'react';
import { Card, Typography } from 'antd';
import { pick, useLang } from '../../shared/i18n.ts';
import { GeometryMap } from '../../shared/map/GeometryMap.tsx';
import { contextAround, geometryText, readGeometry, type Geometry } from '../../shared/map/geometry.ts';
import { useNetworkAssets } from './NetworkMapPanel.tsx';

/** The geometry as formatted text (for the detail fields); the raw value only if it is not a point or a line. */
export function GeometryText({ value }: { value: unknown }) {
  const lang = useLang();
  const g = readGeometry(value);
  return <span data-testid="geometry-text">{g ? geometryText(g, lang) : '—'}</span>;
}

function useContext(g: Geometry | null) {
  const assets = useNetworkAssets(g !== null);
  return useMemo(
    () =>
      g && assets.data
        ? contextAround(g, {
            lines: assets.data.pipes.map((p) => p[4]),
            points: assets.data.nodes.map((n) => [n[4], n[5]] as const),
          })
        : undefined,
    [g, assets.data],
  );
}

export function GeometryCard({ value }: { value: unknown }) {
  const lang = useLang();
  const g = useMemo(() => readGeometry(value), [value]);
  const context = useContext(g);
  if (!g) return null;
  return (
    <Card
      variant="borderless"
      style={{ marginTop: 16 }}
      title={pick(lang, '位置', 'Location')}
      extra={
        <Typography.Text type="secondary">
          {pick(lang, '蓝色为本对象，灰色为周边管网', 'Blue: this object · grey: the network around')}
        </Typography.Text>
      }
    >
      <GeometryMap geometry={g} context={context} />
    </Card>
  );
}
