import { Skeleton } from 'antd';
import { type CSSProperties, lazy, Suspense } from 'react';

export interface BarSeries {
  name: string;
  data: number[];
  color?: string;
}

export interface BarChartProps {
  /** The x axis labels (one per bar group). */
  categories: string[];
  series: BarSeries[];
  title?: string;
  /** Appended to values on the axis and in the tooltip ("%", " 分"). */
  unit?: string;
  height?: number;
  style?: CSSProperties;
  'data-testid'?: string;
}

const Canvas = lazy(() => import('@/components/bar-chart-canvas'));

/**
 * A grouped bar chart (ECharts on canvas, tree-shaken: bars, grid, tooltip, legend, title); resizes with its
 * container and is disposed on unmount. ECharts is loaded with the first chart shown.
 */
export function BarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 280 }} />}>
      <Canvas {...props} />
    </Suspense>
  );
}
