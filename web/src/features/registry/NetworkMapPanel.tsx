// The 管网 page map: GET /api/map/network-assets drawn on a lon/lat plane beside the table; the active tab's layer
// follows the table's filters, the selected row is ringed and centred, clicking an object selects it.
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { NODE_KIND_LABELS } from '@hearth/contracts/registry';
import { request } from '../../shared/api/client.ts';
import { pick, useLang } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { MapCanvas, type MapClick } from '../../shared/map/MapCanvas.tsx';
import { boundsOfLayers, windowAround, type ViewWindow } from '../../shared/map/geo.ts';
import { optionLabel } from './format.tsx';
import { VALVE_STATUS_LABELS } from './resources.network.ts';
import {
  buildNetworkMapOption,
  locate,
  plotWindow,
  type LayerFilters,
  type NetworkLayer,
  type Selected,
} from './networkMapOption.ts';

/** The network objects of the map (shared with the detail pages' small maps through the query cache). */
export function useNetworkAssets(enabled = true) {
  return useQuery({
    queryKey: ['map', 'network-assets'],
    queryFn: ({ signal }) => request('GET /map/network-assets', { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

type Props = {
  layer: NetworkLayer;
  filters: LayerFilters;
  selected: Selected;
  /** an object clicked on the map */
  onSelect: (sel: { layer: NetworkLayer; id: number; code: string }) => void;
  height: number;
};

/** Which layer a clicked series belongs to. */
function layerOf(seriesId: string | undefined): NetworkLayer | null {
  if (!seriesId) return null;
  if (seriesId === 'pipes') return 'pipes';
  if (seriesId.startsWith('nodes-')) return 'network-nodes';
  if (seriesId.startsWith('valves-')) return 'valves';
  return null;
}

/** Ids and codes of a clicked object: points carry [lon, lat, id, code], pipes [id, code]. */
function clicked(p: MapClick): { id: number; code: string } | null {
  const v = Array.isArray(p.value) ? (p.value as unknown[]) : [];
  const [id, code] = v.length === 2 ? v : [v[2], v[3]];
  return typeof id === 'number' && typeof code === 'string' ? { id, code } : null;
}

export function NetworkMapPanel({ layer, filters, selected, onSelect, height }: Props) {
  const lang = useLang();
  const assets = useNetworkAssets();
  const [size, setSize] = useState({ width: 700, height });
  const [view, setView] = useState<ViewWindow | null>(null);
  const bounds = useMemo(
    () =>
      assets.data
        ? boundsOfLayers(
            assets.data.nodes.map((n) => [n[4], n[5]] as const),
            assets.data.pipes.map((p) => p[4]),
          )
        : null,
    [assets.data],
  );
  const labels = useMemo(
    () => ({
      nodes: Object.fromEntries(
        Object.keys(NODE_KIND_LABELS).map((k) => [k, optionLabel(NODE_KIND_LABELS, k, lang)]),
      ),
      valves: {
        open: `${pick(lang, '阀门', 'Valve')} · ${optionLabel(VALVE_STATUS_LABELS, 'open', lang)}`,
        closed: `${pick(lang, '阀门', 'Valve')} · ${optionLabel(VALVE_STATUS_LABELS, 'closed', lang)}`,
      },
      pipes: pick(lang, '管道', 'Pipes'),
      selected: pick(lang, '选中', 'Selected'),
    }),
    [lang],
  );
  const option = useMemo(
    () =>
      assets.data && bounds
        ? buildNetworkMapOption({ data: assets.data, bounds, size, layer, filters, selected, view, labels })
        : null,
    [assets.data, bounds, size, layer, filters, selected, view, labels],
  );

  // centre the selected object (about 1.5 km across) when the selection changes (or the map's size does)
  const focus = useMemo(() => {
    const at = assets.data && selected ? locate(assets.data, selected) : null;
    return at && bounds ? windowAround(plotWindow(bounds, size), at[0], at[1], 1.5) : null;
  }, [assets.data, bounds, selected, size]);

  if (assets.isPending) return <Loading />;
  if (assets.isError) return <ErrorState error={assets.error} onRetry={() => void assets.refetch()} />;
  if (!option) return <EmptyState />;
  return (
    <MapCanvas
      option={option}
      focus={focus}
      data-testid="network-assets-map"
      style={{ height, borderRadius: 6, overflow: 'hidden' }}
      onView={setView}
      onResize={(s) => setSize((prev) => (prev.width === s.width && prev.height === s.height ? prev : s))}
      onClick={(p) => {
        const l = layerOf(p.seriesId);
        const obj = clicked(p);
        if (l && obj) onSelect({ layer: l, ...obj });
      }}
    />
  );
}
