// ECharts with only what the charts use (bar charts, grid, tooltip, SVG renderer); loaded on the
// pages that draw a chart, not with every page.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export { echarts };
