// Minimal React wrapper around an ECharts instance: init/dispose, option updates, resize, click events.
import { useEffect, useRef, type CSSProperties } from 'react';
import { init, type ChartOption, type EChartsType } from './echarts.ts';

type ClickParams = { seriesId?: string; value?: unknown; data?: unknown };

type Props = {
  option: ChartOption;
  style?: CSSProperties;
  onClick?: (params: ClickParams) => void;
  /** called with the container size on mount and on every resize */
  onResize?: (size: { width: number; height: number }) => void;
  'data-testid'?: string;
};

export function EChart({ option, style, onClick, onResize, 'data-testid': testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClick);
  const resizeRef = useRef(onResize);
  useEffect(() => {
    clickRef.current = onClick;
    resizeRef.current = onResize;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (p) => clickRef.current?.(p as ClickParams));
    const observer = new ResizeObserver(() => {
      chart.resize();
      resizeRef.current?.({ width: el.clientWidth, height: el.clientHeight });
    });
    observer.observe(el);
    resizeRef.current?.({ width: el.clientWidth, height: el.clientHeight });
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { replaceMerge: ['series'] });
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height: 360, ...style }} data-testid={testId} />;
}
