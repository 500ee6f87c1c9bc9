import { computed, defineComponent, reactive, ref } from 'vue';
import { NAlert, NButton, NCard, NDatePicker, NRadioButton, NRadioGroup, NSelect, NSpace, useMessage } from 'naive-ui';
import type { AnnexReport } from '@hub/contracts';
import { api, download } from '../api';
import { useLiveRefresh } from '../list';
import { campaignParam, isUnit, regionName, session, unitName } from '../session';
import { AnnexTraceDrawer } from './AnnexTraceDrawer';

const ymd = (ms: number | null): string | undefined => (ms === null ? undefined : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10));

/**
 * The statistics annex previewed as the printed form, per unit / region / department line / all, with XLSX
 * and CSV download. A line supervisor opens its line's roll-up, a prefecture's joint meeting its region's.
 * Each number opens the events behind it (same scope and period).
 */
export const AnnexPage = defineComponent({
  name: 'AnnexPage',
  setup() {
    const message = useMessage();
    const me = session.me;
    const form = reactive({
      kind: isUnit() ? 'unit' : me?.kind === 'line' ? 'line' : me?.kind === 'region' ? 'region' : 'all',
      unit: me?.unit ?? null,
      region: me?.kind === 'region' ? (me.region ?? null) : (null as string | null),
      department: me?.kind === 'line' ? (me.department ?? null) : (null as string | null),
      from: null as number | null,
      to: null as number | null,
    });
    const report = ref<AnnexReport>();
    const traced = ref<string>(); // the row whose events the drawer lists
    const error = ref('');
    const scope = computed(() => {
      if (form.kind === 'unit') return form.unit ? `unit:${form.unit}` : undefined;
      if (form.kind === 'region') return form.region ? `region:${form.region}` : undefined;
      if (form.kind === 'line') return form.department ? `line:${form.department}` : undefined;
      return 'all';
    });
    const params = computed(() => ({ scope: scope.value, from: ymd(form.from), to: ymd(form.to), ...campaignParam() }));
    const load = async (): Promise<void> => {
      if (!scope.value) return;
      try {
        report.value = await api<AnnexReport>('annex', params.value);
        error.value = '';
      } catch (failure) {
        error.value = (failure as Error).message;
      }
    };
    const save = async (format: 'xlsx' | 'csv'): Promise<void> => {
      try {
        const name = await download('annex', { ...params.value, format }, `annex.${format}`);
        message.success(`已下载 ${name}`);
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };
    useLiveRefresh(['takedown.', 'inspection.', 'rectification.', 'seizure.', 'case.opened', 'case.assisted', 'lead.referred'], () => void load(), 1_000);

    const scopeLabel = computed(() =>
      form.kind === 'unit'
        ? unitName(form.unit)
        : form.kind === 'region'
          ? regionName(form.region)
          : form.kind === 'line'
            ? `${unitName(`${form.department ?? ''}/650000`)}（全区汇总）`
            : '新疆维吾尔自治区（全区）',
    );
    const units = computed(() =>
      Object.keys(session.catalogue?.departments ?? {})
        .filter((d) => d !== 'joint')
        .flatMap((d) => Object.keys(session.catalogue?.regions ?? {}).map((r) => ({ value: `${d}/${r}`, label: unitName(`${d}/${r}`) }))),
    );
    // The printed form merges each department group's first column over its rows.
    const printed = computed(() => {
      const rows = report.value?.rows ?? [];
      return rows.map((row, index) => {
        const first = index === 0 || rows[index - 1]?.group !== row.group;
        let span = 0;
        if (first) for (let i = index; i < rows.length && rows[i]?.group === row.group; i += 1) span += 1;
        return { row, span: first ? span : 0 };
      });
    });
    const cell = { border: '1px solid #000', padding: '4px 6px', verticalAlign: 'middle' };
    return () => (
      <NSpace vertical>
        <NCard size="small" class="no-print">
          <NSpace align="center" wrap>
            {isUnit() ? null : (
              <NRadioGroup value={form.kind} onUpdateValue={(value: string) => { form.kind = value; void load(); }}>
                <NRadioButton value="all">全区</NRadioButton>
                <NRadioButton value="region">地区</NRadioButton>
                <NRadioButton value="line">条线</NRadioButton>
                <NRadioButton value="unit">单位</NRadioButton>
              </NRadioGroup>
            )}
            {form.kind === 'region' ? (
              <NSelect style={{ width: '200px' }} filterable placeholder="选择地区" value={form.region} options={Object.keys(session.catalogue?.regions ?? {}).map((value) => ({ value, label: regionName(value) }))} onUpdateValue={(value: string) => { form.region = value; void load(); }} />
            ) : null}
            {form.kind === 'line' ? (
              <NSelect style={{ width: '200px' }} filterable placeholder="选择部门条线" value={form.department} options={Object.entries(session.catalogue?.departments ?? {}).filter(([code]) => code !== 'joint').map(([value, label]) => ({ value, label }))} onUpdateValue={(value: string) => { form.department = value; void load(); }} />
            ) : null}
            {form.kind === 'unit' && !isUnit() ? (
              <NSelect style={{ width: '260px' }} filterable placeholder="选择报送单位" value={form.unit} options={units.value} onUpdateValue={(value: string) => { form.unit = value; void load(); }} />
            ) : null}
            <NDatePicker type="date" clearable placeholder={`起（默认 ${session.catalogue?.campaign.start.slice(5) ?? ""}）`} value={form.from} onUpdateValue={(value: number | null) => { form.from = value; void load(); }} />
            <NDatePicker type="date" clearable placeholder={`止（默认 ${session.catalogue?.campaign.end.slice(5) ?? ""}）`} value={form.to} onUpdateValue={(value: number | null) => { form.to = value; void load(); }} />
            <NButton type="primary" onClick={() => void save('xlsx')} data-testid="download-xlsx">下载 XLSX（打印版）</NButton>
            <NButton onClick={() => void save('csv')} data-testid="download-csv">下载 CSV</NButton>
            <NButton onClick={() => window.print()}>打印</NButton>
          </NSpace>
        </NCard>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        <div class="printable" style={{ background: '#fff', padding: '24px 32px', maxWidth: '900px', margin: '0 auto', boxShadow: '0 1px 4px rgba(0,0,0,.1)' }} data-testid="annex-preview">
          <div style={{ fontSize: '14px' }}>附件</div>
          <h1 style={{ fontSize: '20px', margin: '8px 0 16px', textAlign: 'center' }}>{session.catalogue?.campaign.title}</h1>
          <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: '8px' }}>
            <span>填报单位：{scopeLabel.value}</span>
            <span>填报日期：{new Date().getMonth() + 1}月{new Date().getDate()}日</span>
          </div>
          <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: '13px' }}>
            <thead>
              <tr>
                <th style={cell} colspan={2}>项目</th>
                <th style={{ ...cell, width: '90px' }}>数量</th>
                <th style={{ ...cell, width: '200px' }}>备注</th>
              </tr>
            </thead>
            <tbody>
              {printed.value.map(({ row, span }) => (
                <tr key={row.id} data-row={row.id}>
                  {span > 0 ? <td style={{ ...cell, width: '110px', textAlign: 'center' }} rowspan={span}>{row.group}</td> : null}
                  <td style={cell}>{row.label}（{row.unit}）</td>
                  <td style={{ ...cell, textAlign: 'right' }}>
                    {row.value === null ? '' : (
                      <a class="trace-link" data-testid={`cell-${row.id}`} title="查看构成本数的事件" style={{ cursor: 'pointer', color: '#2080f0', textDecoration: 'underline dotted' }} onClick={() => (traced.value = row.id)}>
                        {row.value}
                      </a>
                    )}
                  </td>
                  <td style={{ ...cell, fontSize: '12px' }}>{row.remark}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <AnnexTraceDrawer row={traced.value} params={params.value} shown={report.value?.rows.find((row) => row.id === traced.value)?.value} onClose={() => (traced.value = undefined)} />
      </NSpace>
    );
  },
});
