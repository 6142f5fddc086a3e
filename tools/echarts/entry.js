// The parts of Apache ECharts the app uses (wwwroot/js/charts.js): the SVG renderer (sharp print, no canvas),
// line, bar and pie charts, the grid, tooltip and legend components (the data table under each chart is what screen readers read, so no aria component). Built by build.sh into
// wwwroot/lib/echarts/echarts.min.js as the global `echarts`.
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { LineChart, BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';

echarts.use([SVGRenderer, LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent]);

export const { init, getInstanceByDom, dispose, version } = echarts;
