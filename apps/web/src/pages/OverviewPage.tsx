import { computed, defineComponent, ref } from 'vue';
import { NAlert, NCard, NGi, NGrid, NProgress, NSpace, NStatistic, NTag, NText } from 'naive-ui';
import type { Overview } from '@hub/contracts';
import { api } from '../api';
import { EChart } from '../charts';
import { useLiveRefresh } from '../list';
import { campaignParam, departmentName, label, regionName, session } from '../session';

const DAY_MS = 86_400_000;
const dayIndex = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (index: number): string => new Date(index * DAY_MS).toISOString().slice(0, 10);
const todayInBeijing = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Campaign overview: key figures, activity by department × region, and progress against the calendar. */
export const OverviewPage = defineComponent({
  name: 'OverviewPage',
  setup() {
    const data = ref<Overview>();
    const loaded = ref(false);
    const error = ref('');
    const load = async (): Promise<void> => {
      try {
        data.value = await api<Overview>('overview', campaignParam());
        loaded.value = true;
        error.value = '';
      } catch (failure) {
        error.value = (failure as Error).message;
      }
    };
    useLiveRefresh([''], () => void load(), 1_000);

    const count = (predicate: (type: string) => boolean): number => (data.value?.activity ?? []).filter((cell) => predicate(cell.type)).reduce((sum, cell) => sum + cell.count, 0);
    const figures = computed(() => [
      { label: '事件总数', value: count(() => true) },
      { label: '登记线索', value: count((t) => t === 'lead.reported') },
      { label: '移送协查', value: count((t) => t === 'lead.referred') },
      { label: '立案', value: count((t) => t === 'case.opened') },
      { label: '处罚决定', value: count((t) => t === 'case.decided') },
      { label: '典型案例', value: count((t) => t === 'case.marked_typical') },
      { label: '处置/检查/查获', value: count((t) => ['takedown.recorded', 'inspection.recorded', 'rectification.ordered', 'seizure.recorded'].includes(t)) },
    ]);

    const heatmap = computed(() => {
      const catalogue = session.catalogue;
      const regions = Object.keys(catalogue?.regions ?? {});
      const departments = Object.keys(catalogue?.departments ?? {}).filter((d) => d !== 'joint');
      const totals = new Map<string, number>();
      for (const cell of data.value?.activity ?? []) totals.set(`${cell.department}|${cell.region}`, (totals.get(`${cell.department}|${cell.region}`) ?? 0) + cell.count);
      const points = departments.flatMap((d, y) => regions.map((r, x) => [x, y, totals.get(`${d}|${r}`) ?? 0]));
      const max = Math.max(1, ...points.map((p) => p[2] ?? 0));
      return {
        tooltip: { position: 'top', formatter: (p: { value: number[] }) => `${departmentName(departments[p.value[1] ?? 0])} · ${regionName(regions[p.value[0] ?? 0])}<br/>事件 ${p.value[2] ?? 0} 条` },
        grid: { left: 150, right: 20, top: 10, bottom: 150 },
        xAxis: { type: 'category', data: regions.map(regionName), axisLabel: { rotate: 40, interval: 0 }, splitArea: { show: true } },
        yAxis: { type: 'category', inverse: true, data: departments.map(departmentName), axisLabel: { interval: 0 }, splitArea: { show: true } },
        visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 200, inRange: { color: ['#fff5f5', '#ef9a9a', '#b71c1c'] } },
        series: [{ type: 'heatmap', data: points, label: { show: true, fontSize: 10, formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : '') } }],
      };
    });

    const progress = computed(() => {
      const campaign = data.value?.campaign ?? session.catalogue?.campaign;
      if (!campaign) return { option: {}, percent: 0, note: '' };
      const first = dayIndex(campaign.start);
      const last = dayIndex(campaign.end);
      const days = Array.from({ length: last - first + 1 }, (_, i) => dateOf(first + i));
      const perDay = new Map((data.value?.daily ?? []).map((d) => [d.day, d.count]));
      let running = 0;
      const cumulative = days.map((day) => (running += perDay.get(day) ?? 0));
      const today = todayInBeijing();
      const elapsed = Math.min(1, Math.max(0, (dayIndex(today) - first + 1) / days.length));
      const toDue = dayIndex(campaign.reportDue) - dayIndex(today);
      const note = toDue > 0 ? `距 ${campaign.reportDue} 报送截止还有 ${toDue} 天` : dayIndex(today) <= last ? `报送已截止，行动于 ${campaign.end} 结束` : `行动已于 ${campaign.end} 结束`;
      const marks = [
        { xAxis: campaign.reportDue, label: { formatter: `${campaign.reportDue.slice(5)} 报送截止`, position: 'insideEndTop' }, lineStyle: { color: '#e65100', type: 'dashed' } },
        { xAxis: campaign.end, label: { formatter: `${campaign.end.slice(5)} 行动结束`, position: 'insideEndTop' }, lineStyle: { color: '#b71c1c' } },
        ...(today >= campaign.start && today <= campaign.end ? [{ xAxis: today, label: { formatter: '今天' }, lineStyle: { color: '#1565c0' } }] : []),
      ];
      return {
        percent: Math.round(elapsed * 100),
        note,
        option: {
          tooltip: { trigger: 'axis' },
          legend: { data: ['每日事件', '累计事件'], top: 0, right: 70 },
          grid: { left: 50, right: 60, top: 40, bottom: 40 },
          xAxis: { type: 'category', data: days, axisLabel: { formatter: (value: string) => value.slice(5) } },
          yAxis: [{ type: 'value', name: '每日' }, { type: 'value', name: '累计' }],
          series: [
            { name: '每日事件', type: 'bar', data: days.map((day) => perDay.get(day) ?? 0), itemStyle: { color: '#ef9a9a' } },
            { name: '累计事件', type: 'line', yAxisIndex: 1, data: cumulative, showSymbol: false, lineStyle: { color: '#b71c1c' }, markLine: { symbol: 'none', data: marks } },
          ],
        },
      };
    });

    return () => (
      <NSpace vertical size="large" data-loaded={String(loaded.value)}>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        {data.value?.scope.startsWith('unit:') ? <NAlert type="info">本页仅显示本单位报送的数据。</NAlert> : null}
        {/* The figures count events that happened within the campaign's period (the API's window); say so, or a record dated outside it looks lost. */}
        {data.value ? (
          <NText depth={3} data-testid="overview-window">
            统计口径：发生时间在行动期（{data.value.campaign.start} 至 {data.value.campaign.end}）内的事件；行动期外发生的记录不计入以下数字（可在「事件时间线」中查看）。
          </NText>
        ) : null}
        <NGrid cols={7} xGap={12}>
          {figures.value.map((figure, index) => (
            <NGi key={figure.label}>
              <NCard size="small" data-testid={`figure-${index}`} data-value={String(figure.value)}>
                <NStatistic label={figure.label} value={figure.value} />
              </NCard>
            </NGi>
          ))}
        </NGrid>
        <NCard title={`行动进度（${session.catalogue?.campaign.start ?? ""} 至 ${session.catalogue?.campaign.end ?? ""}）`} size="small">
          {{
            'header-extra': () => <NTag type="warning">{progress.value.note}</NTag>,
            default: () => (
              <>
                <NProgress type="line" percentage={progress.value.percent} indicatorPlacement="inside" color="#b71c1c" />
                <EChart option={progress.value.option} height="300px" />
              </>
            ),
          }}
        </NCard>
        <NCard title="重点商品线索（按方案重点商品目录）" size="small" data-testid="overview-products">
          {(data.value?.byProduct ?? []).length === 0 ? (
            <span style={{ color: '#888' }}>暂无线索</span>
          ) : (
            <NSpace size="large">
              {(data.value?.byProduct ?? []).map((row) => (
                <NStatistic label={row.productCategory ? label('productCategories', row.productCategory) : '未填写商品类别'} value={row.leads} data-testid={`product-${row.productCategory ?? 'none'}`} />
              ))}
            </NSpace>
          )}
        </NCard>
        <NCard title="各部门 × 各地区 报送活跃度（事件数）" size="small">
          <EChart option={heatmap.value} height="520px" />
        </NCard>
      </NSpace>
    );
  },
});
