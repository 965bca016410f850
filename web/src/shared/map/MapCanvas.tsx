// The tile-free map's canvas: an ECharts instance on a lon/lat plane with wheel/drag zoom, reporting the window in
// view (for the level of detail), centring on a requested window, and marking when it first finished drawing
// (`data-map-drawn-ms`: ms since navigation, for the browser benchmark; `data-map-data-ms` when its data was set).
import { useEffect, useRef, type CSSProperties } from 'react';
import { use as registerChartParts } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { init, type ChartOption, type EChartsType } from '../chart/echarts.ts';
import type { ViewWindow } from './geo.ts';

registerChartParts([LabelLayout]);

export type MapClick = { seriesId?: string; value?: unknown; data?: unknown; dataIndex?: number };

type Props = {
  option: ChartOption;
  style?: CSSProperties;
  onClick?: (params: MapClick) => void;
  /** the canvas's window after a zoom or pan (trailing, at most every 100 ms) */
  onView?: (view: ViewWindow) => void;
  /** called with the container size on mount and on every resize */
  onResize?: (size: { width: number; height: number }) => void;
  /** zoom to this window when it changes (a new object each request) */
  focus?: ViewWindow | null;
  'data-testid'?: string;
};

/** The canvas's corners in data coordinates (public convertFromPixel on the axes, extrapolated beyond the grid). */
function canvasWindow(chart: EChartsType): ViewWindow | null {
  const w = chart.getWidth();
  const h = chart.getHeight();
  const x0 = chart.convertFromPixel({ xAxisIndex: 0 }, 0) as unknown;
  const x1 = chart.convertFromPixel({ xAxisIndex: 0 }, w) as unknown;
  const y0 = chart.convertFromPixel({ yAxisIndex: 0 }, h) as unknown;
  const y1 = chart.convertFromPixel({ yAxisIndex: 0 }, 0) as unknown;
  if (typeof x0 !== 'number' || typeof x1 !== 'number' || typeof y0 !== 'number' || typeof y1 !== 'number')
    return null;
  return { x: [x0, x1], y: [y0, y1] };
}

export function MapCanvas({ option, style, onClick, onView, onResize, focus, 'data-testid': testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const handlers = useRef({ onClick, onView, onResize });
  useEffect(() => {
    handlers.current = { onClick, onView, onResize };
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    let timer: ReturnType<typeof setTimeout> | undefined;
    chart.on('click', (p) => handlers.current.onClick?.(p as MapClick));
    chart.on('datazoom', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const view = canvasWindow(chart);
        if (view) handlers.current.onView?.(view);
      }, 100);
    });
    chart.on('finished', () => {
      if (el.dataset.mapDrawnMs || !el.dataset.hasData) return;
      el.dataset.mapDrawnMs = String(Math.round(performance.now()));
    });
    const observer = new ResizeObserver(() => {
      chart.resize();
      handlers.current.onResize?.({ width: el.clientWidth, height: el.clientHeight });
    });
    observer.observe(el);
    handlers.current.onResize?.({ width: el.clientWidth, height: el.clientHeight });
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const el = ref.current;
    if (el && !el.dataset.hasData && Array.isArray(option.series) && option.series.length > 0) {
      el.dataset.hasData = '1';
      // the first option with data: from here to data-map-drawn-ms is the drawing alone
      el.dataset.mapDataMs = String(Math.round(performance.now()));
    }
    chart.setOption(option, { replaceMerge: ['series'] });
  }, [option]);

  useEffect(() => {
    if (!focus) return;
    chartRef.current?.dispatchAction({
      type: 'dataZoom',
      batch: [
        { dataZoomIndex: 0, startValue: focus.x[0], endValue: focus.x[1] },
        { dataZoomIndex: 1, startValue: focus.y[0], endValue: focus.y[1] },
      ],
    });
  }, [focus]);

  return <div ref={ref} style={{ width: '100%', height: 360, ...style }} data-testid={testId} />;
}
