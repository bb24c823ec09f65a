import { FileImageOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space } from 'antd';
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '@/components/download-button';
import type { QueryParams } from '@/lib/http';

// ECharts lives in the dashboards route chunk only: bars and lines, grid, tooltip, legend, a target line, on canvas.
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption
>;

export interface StatSeries {
  name: string;
  data: number[];
  type?: 'bar' | 'line';
}

interface StatChartProps {
  /** data-testid of the card; the canvas is `${id}-chart`, the buttons `${id}-png` and `${id}-xlsx`. */
  id: string;
  title: string;
  categories: string[];
  series: StatSeries[];
  /** Values are shares 0–1, shown as percentages. */
  percent?: boolean;
  /** A horizontal target line (a share when `percent`). */
  target?: { value: number; label: string } | undefined;
  /** The Excel of the chart's figures: its dashboard's export with the same filters. */
  xlsx: { path: string; query?: QueryParams };
  height?: number;
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** One chart of a dashboard: ECharts on canvas, exportable as PNG (getDataURL) and its dashboard's figures as Excel. */
export function StatChart({ id, title, categories, series, percent, target, xlsx, height = 300 }: StatChartProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const empty = categories.length === 0;

  useEffect(() => {
    const el = ref.current;
    if (!el || empty) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [empty]);

  useEffect(() => {
    const format = (v: unknown) => (percent ? pct(Number(v)) : String(v));
    const option: Option = {
      backgroundColor: '#fff',
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => format(v) },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, overflow: 'truncate', width: 100, rotate: categories.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', max: percent ? 1 : undefined, axisLabel: { formatter: (v: number) => format(v) } },
      series: series.map((s, i) => ({
        type: s.type ?? 'bar',
        name: s.name,
        data: s.data,
        barMaxWidth: 28,
        ...(i === 0 && target
          ? {
              markLine: {
                symbol: 'none',
                data: [{ yAxis: target.value, name: target.label }],
                label: { position: 'insideEndTop', formatter: `${target.label} ${format(target.value)}` },
              },
            }
          : {}),
      })) as Option['series'],
    };
    chart.current?.setOption(option, { notMerge: true });
  }, [categories, series, percent, target]);

  const savePng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${title}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  return (
    <Card
      size="small"
      title={title}
      data-testid={id}
      extra={
        <Space size={4}>
          <Button size="small" icon={<FileImageOutlined />} onClick={savePng} disabled={empty} data-testid={`${id}-png`}>
            {t('dashboards.png')}
          </Button>
          <DownloadButton size="small" path={xlsx.path} query={xlsx.query} fallbackName={`${title}.xlsx`} data-testid={`${id}-xlsx`}>
            {t('dashboards.excel')}
          </DownloadButton>
        </Space>
      }
    >
      {empty ? (
        <Empty description={t('dashboards.empty')} style={{ height: height - 40 }} />
      ) : (
        <div ref={ref} style={{ width: '100%', height }} data-testid={`${id}-chart`} data-points={categories.length} />
      )}
    </Card>
  );
}
