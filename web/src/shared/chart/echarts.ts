// Tree-shaken ECharts: only the charts and components the console uses, plus the option type they compose.
import * as echartsCore from 'echarts/core';
import type { ComposeOption, EChartsType } from 'echarts/core';
import {
  LineChart,
  LinesChart,
  PieChart,
  ScatterChart,
  type LineSeriesOption,
  type LinesSeriesOption,
  type PieSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  DataZoomInsideComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echartsCore.use([
  LineChart,
  LinesChart,
  PieChart,
  ScatterChart,
  DataZoomInsideComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | LinesSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export const init = echartsCore.init;
export type { EChartsType };
