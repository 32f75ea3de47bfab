// A bar chart that follows its box: ECharts from echarts/core (the bar chart, grid, legend and tooltip, the SVG
// renderer), made once for the element, resized with it, disposed with it; the options are set whenever they change.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The ref for the chart's element; `options(width)` builds the options from the element's width. */
export function useBarChart(options: (width: number) => echarts.EChartsCoreOption, deps: readonly unknown[]) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(options(box.current?.clientWidth ?? 0), { notMerge: true });
    // The options follow the caller's dependencies.
  }, deps);
  return box;
}
