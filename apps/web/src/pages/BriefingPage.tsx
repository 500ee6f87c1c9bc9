import { defineComponent, onMounted, reactive, ref } from 'vue';
import { NAlert, NButton, NCard, NDatePicker, NSpace, NSpin, useMessage } from 'naive-ui';
import type { Briefing } from '@hub/contracts';
import { api, download } from '../api';
import { beijing, campaignParam, caseKindName, categoryName, departmentName, unitName, yuan } from '../session';

/** One action produces the joint-meeting briefing: printable here, downloadable as HTML or XLSX. */
export const BriefingPage = defineComponent({
  name: 'BriefingPage',
  setup() {
    const message = useMessage();
    // Empty means the server's defaults: now (the hub's clock) and 14 days before it.
    const form = reactive<{ since: number | null; asOf: number | null }>({ since: null, asOf: null });
    const briefing = ref<Briefing>();
    const error = ref('');
    const busy = ref(false);
    const params = (): Record<string, string | undefined> => ({
      since: form.since === null ? undefined : new Date(form.since).toISOString(),
      asOf: form.asOf === null ? undefined : new Date(form.asOf).toISOString(),
      ...campaignParam(),
    });
    const generate = async (): Promise<void> => {
      busy.value = true;
      try {
        briefing.value = await api<Briefing>('briefing', params());
        error.value = '';
      } catch (failure) {
        error.value = (failure as Error).message;
      } finally {
        busy.value = false;
      }
    };
    const save = async (format: 'html' | 'xlsx'): Promise<void> => {
      try {
        message.success(`已下载 ${await download('briefing', { ...params(), format }, `briefing.${format}`)}`);
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };
    onMounted(() => void generate());
    const cell = { border: '1px solid #999', padding: '3px 6px' };
    const table = (head: string[], rows: (string | number)[][], empty: string) =>
      rows.length === 0 ? (
        <p style={{ color: '#666' }}>{empty}</p>
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: '13px', marginBottom: '8px' }}>
          <thead>
            <tr>{head.map((title) => <th style={{ ...cell, background: '#f2f2f2' }}>{title}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>{row.map((value) => <td style={cell}>{value}</td>)}</tr>
            ))}
          </tbody>
        </table>
      );
    return () => {
      const b = briefing.value;
      return (
        <NSpace vertical>
          <NCard size="small" class="no-print">
            <NSpace align="center">
              <span>上次会议</span>
              <NDatePicker type="datetime" clearable placeholder="默认：两周前" value={form.since} onUpdateValue={(value: number | null) => (form.since = value)} />
              <span>统计截至</span>
              <NDatePicker type="datetime" clearable placeholder="默认：现在" value={form.asOf} onUpdateValue={(value: number | null) => (form.asOf = value)} />
              <NButton type="primary" loading={busy.value} onClick={() => void generate()} data-testid="generate-briefing">生成通报</NButton>
              <NButton onClick={() => window.print()} disabled={!b}>打印</NButton>
              <NButton onClick={() => void save('html')} disabled={!b}>下载 HTML</NButton>
              <NButton onClick={() => void save('xlsx')} disabled={!b}>下载 XLSX</NButton>
            </NSpace>
          </NCard>
          {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
          {busy.value && !b ? <NSpin /> : null}
          {b ? (
            <div class="printable" style={{ background: '#fff', padding: '24px 36px', maxWidth: '1000px', margin: '0 auto', boxShadow: '0 1px 4px rgba(0,0,0,.1)' }} data-testid="briefing">
              <h1 style={{ fontSize: '20px' }}>{b.campaign.name}<br />联席会议工作通报</h1>
              <p style={{ textAlign: 'center', color: '#444' }}>统计截至 {beijing(b.asOf)}，上次会议 {beijing(b.since)}</p>
              <h3>一、移送协查超期情况（共 {b.overdue.total} 件）</h3>
              {table(['接收部门', '超期件数'], b.overdue.byDepartment.map((g) => [departmentName(g.department), g.count]), '无超期未答复的移送线索。')}
              {table(
                ['移送编号', '移送单位', '接收单位', '事由', '超期环节', '应办结', '超期工作日'],
                b.overdue.byDepartment.flatMap((g) => g.items.slice(0, 20).map((r) => [r.referralId, unitName(r.fromUnit), unitName(r.toUnit), r.reason ?? '', r.clock === 'answer' ? '接收答复' : '结果反馈', beijing(r.deadline), r.overdueWorkingDays ?? '—'])),
                '',
              )}
              <h3>二、上次会议以来新增关联线索组（{b.newClusters.length} 组）</h3>
              {table(['线索组', '形成时间', '线索数', '关联要素', '范围'], b.newClusters.map((c) => [c.clusterId, beijing(c.formedAt), c.members.length, c.keys.join('；'), [c.crossRegion ? '跨地区' : '', c.crossDepartment ? '跨部门' : ''].filter(Boolean).join('、')]), '没有新增关联线索组。')}
              <h3>三、典型案例（{b.typicalCases.length} 件）</h3>
              {table(['报送单位', '案号', '类型', '违法类别', '行政处罚决定书', '罚款（元）', '没收（元）'], b.typicalCases.map((c) => [unitName(c.unit), c.caseNo ?? c.caseId, caseKindName(c.kind), categoryName(c.primaryCategory), c.decisionNo ?? '尚未作出', yuan(c.fine), yuan(c.confiscation)]), '尚无典型案例。')}
              <h3>四、情况统计表合计（全区）</h3>
              {table(['部门', '项目', '数量', '备注'], b.annex.rows.filter((r) => r.value).map((r) => [r.group, `${r.label}（${r.unit}）`, r.value ?? '', r.remark]), '统计表尚无数据。')}
              <h3>五、12月5日材料报送准备情况</h3>
              <p>
                {b.readiness.total} 个报送单位中，{b.readiness.complete} 个材料齐全，{b.readiness.total - b.readiness.complete} 个尚有缺项（详见“报送准备”）。
              </p>
              <h3>六、行政指导、约谈、抽检和紧急关停请求</h3>
              {table(['部门', '行政指导', '行政约谈', '抽检记录', '抽检批次', '不合格批次', '紧急关停请求'], b.actions.map((a) => [departmentName(a.department), a.guidance, a.interviews, a.samplings, a.batches, a.failed, a.closureRequests]), '尚无行政指导、约谈、抽检或紧急关停请求记录。')}
              <h3>七、重要时间节点网络监测线索</h3>
              {table(['时间节点', '监测线索数'], b.keyPeriodLeads.map((p) => [p.label, p.leads]), '本次活动未设重要时间节点。')}
            </div>
          ) : null}
        </NSpace>
      );
    };
  },
});
