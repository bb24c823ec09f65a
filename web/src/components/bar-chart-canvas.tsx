import { BarChart as EBarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TitleComponent,
  type TitleComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { BarChartProps } from '@/components/bar-chart';

// Only what the bar charts need (tree-shaken): bars, grid, tooltip, legend, title, on canvas.
use([EBarChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption>;

/** The ECharts half of <BarChart> (loaded on demand: echarts stays out of the main bundle). */
export default function BarChartCanvas({ categories, series, title, unit = '', height = 280, style, 'data-testid': testId }: BarChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const option: Option = {
      title: title ? { text: title, left: 'center', textStyle: { fontSize: 14, fontWeight: 500 } } : undefined,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${String(v)}${unit}` },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: title ? 36 : 12, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, overflow: 'truncate', width: 90 } },
      yAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` } },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: s.color ? { color: s.color } : undefined, barMaxWidth: 28 })),
    };
    chart.current?.setOption(option, { notMerge: true });
  }, [categories, series, title, unit]);

  return <div ref={ref} style={{ width: '100%', height, ...style }} data-testid={testId} data-bars={categories.length} />;
}
