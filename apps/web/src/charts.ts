// Apache ECharts, only the parts used here (tree-shaken through echarts/core), wrapped in a tiny component.
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { defineComponent, h, onBeforeUnmount, onMounted, ref, watch, type PropType } from 'vue';

use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

// Under automation (navigator.webdriver: the browser tests) charts draw at once, so screenshots show them whole.
const withAnimation = (option: EChartsCoreOption): EChartsCoreOption => (navigator.webdriver ? { ...option, animation: false } : option);

export const EChart = defineComponent({
  name: 'EChart',
  props: {
    option: { type: Object as PropType<EChartsCoreOption>, required: true },
    height: { type: String, default: '360px' },
  },
  setup(props) {
    const el = ref<HTMLDivElement>();
    let chart: EChartsType | undefined;
    const resize = (): void => chart?.resize();
    onMounted(() => {
      if (!el.value) return;
      chart = init(el.value);
      chart.setOption(withAnimation(props.option));
      window.addEventListener('resize', resize);
    });
    watch(
      () => props.option,
      (option) => chart?.setOption(withAnimation(option), { notMerge: true }),
    );
    onBeforeUnmount(() => {
      window.removeEventListener('resize', resize);
      chart?.dispose();
    });
    return () => h('div', { ref: el, style: { width: '100%', height: props.height } });
  },
});
