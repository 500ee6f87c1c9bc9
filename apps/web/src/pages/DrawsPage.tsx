import { defineComponent, h, onMounted, reactive, ref } from 'vue';
import { NAlert, NButton, NCard, NDataTable, NForm, NFormItem, NInput, NInputNumber, NSelect, NSpace, NTag, type DataTableColumns } from 'naive-ui';
import { api, download, post, query } from '../api';
import { useLiveRefresh } from '../list';
import { beijing, campaignParam, isUnit, label, session, unitName } from '../session';

const codesOf = (list: 'operatorKinds' | 'displayStatuses'): Record<string, string> => session.catalogue?.[list] ?? {};

interface DrawView {
  id: string;
  drawRef: string;
  unit: string;
  status: 'committed' | 'revealed';
  committedAt: string;
  commitHash: string;
  item: string;
  itemLabel: string;
  targetCount: number;
  sampleSize?: number;
  sampleRatio?: number;
  inspectorsPerTarget: number;
  seed?: string;
  selected?: { operator: string; inspectors: { id: string; name: string }[] }[];
  skipped?: { operator: string; inspector: string; name: string; reason: string }[];
}
interface Verification {
  ok: boolean;
  failed: string[];
}

interface DrawItemOption {
  id: string;
  level: 'key' | 'general';
  label: string;
}

/**
 * 双随机抽查: a clerk commits a draw over the region's register (the hub hashes the target list and the inspector
 * list before the seed exists); the joint office reveals seed and selection; anyone in scope re-verifies it from the log.
 */
export const DrawsPage = defineComponent({
  name: 'DrawsPage',
  setup() {
    const form = reactive({ id: '', item: '', kind: null as string | null, status: null as string | null, sampleSize: 3, inspectorsPerTarget: 2 });
    const draws = ref<DrawView[]>([]);
    const current = ref<DrawView | null>(null);
    const verdicts = reactive<Record<string, Verification>>({});
    const error = ref('');
    const busy = ref(false);
    // The spot-check items of the chosen campaign's draw lists (重点 and 一般 检查事项); none: it takes no draws.
    const items = ref<{ value: string; label: string }[]>([]);
    const noLists = ref(false);
    // A draw is committed now, so into the campaign now falls in: another chosen campaign only lists its draws.
    const closed = ref(false);
    const loadItems = async (): Promise<void> => {
      const lists = await api<{ drawLists: boolean; openNow: boolean; items: DrawItemOption[] }>('draws/items', campaignParam());
      noLists.value = !lists.drawLists;
      closed.value = !lists.openNow;
      items.value = lists.items.map((i) => ({ value: i.id, label: `【${i.level === 'key' ? '重点' : '一般'}】${i.label}` }));
      form.item = items.value[0]?.value ?? '';
    };
    const load = async (): Promise<void> => {
      draws.value = (await api<{ items: DrawView[] }>('draws', campaignParam())).items.reverse();
      if (current.value) current.value = draws.value.find((d) => d.id === current.value?.id) ?? current.value;
    };
    onMounted(() => void Promise.all([load(), loadItems()]).catch((failure: unknown) => (error.value = (failure as Error).message)));
    useLiveRefresh(['draw.'], () => void load().catch(() => undefined));

    const run = async (): Promise<void> => {
      error.value = '';
      busy.value = true;
      try {
        const body = { id: form.id.trim(), item: form.item, sampleSize: form.sampleSize, inspectorsPerTarget: form.inspectorsPerTarget, ...(form.kind ? { kind: form.kind } : {}), ...(form.status ? { status: form.status } : {}) };
        const committed = await post<{ id: string }>(`draws${query(campaignParam())}`, body);
        // The reveal follows from the joint office; wait for it by reading the draw again until it shows.
        // Until the projector has archived the commit the draw is not found yet: that is "not yet", not a failure.
        for (let i = 0; i < 100; i += 1) {
          const draw = await api<DrawView>(`draws/${committed.id}`).catch(() => undefined);
          if (draw) current.value = draw;
          if (draw?.status === 'revealed') break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        await load();
      } catch (failure) {
        error.value = (failure as Error).message;
      } finally {
        busy.value = false;
      }
    };
    const verify = async (id: string): Promise<void> => {
      try {
        verdicts[id] = await api<Verification>(`draws/${id}/verify`);
      } catch (failure) {
        error.value = (failure as Error).message;
      }
    };

    // 公示: every draw in scope with the operators drawn, masked inspectors and the results recorded against it.
    const publish = async (): Promise<void> => {
      try {
        await download('draws/publication', { format: 'csv', ...campaignParam() }, 'draws-publication.csv');
      } catch (failure) {
        error.value = (failure as Error).message;
      }
    };
    const verdictTag = (id: string) => {
      const v = verdicts[id];
      if (!v) return null;
      return h(NTag, { size: 'small', type: v.ok ? 'success' : 'error', 'data-testid': `verdict-${id}` }, () => (v.ok ? '复核通过' : `复核不通过：${v.failed.join('、')}`));
    };
    const columns: DataTableColumns<DrawView> = [
      { title: '抽查编号', key: 'id', width: 220 },
      { title: '单位', key: 'unit', width: 150, render: (row) => unitName(row.unit) },
      { title: '抽查事项', key: 'itemLabel', width: 260 },
      { title: '名录对象数', key: 'targetCount', width: 100, align: 'right' },
      { title: '状态', key: 'status', width: 90, render: (row) => h(NTag, { size: 'small', type: row.status === 'revealed' ? 'success' : 'warning' }, () => (row.status === 'revealed' ? '已揭示' : '已承诺')) },
      { title: '承诺时间', key: 'committedAt', width: 160, render: (row) => beijing(row.committedAt) },
      {
        title: '操作',
        key: 'actions',
        width: 260,
        render: (row) =>
          h(NSpace, { size: 'small' }, () => [
            h(NButton, { size: 'tiny', onClick: () => (current.value = row) }, () => '查看'),
            h(NButton, { size: 'tiny', 'data-testid': `verify-${row.id}`, onClick: () => void verify(row.id) }, () => '复核'),
            verdictTag(row.id),
          ]),
      },
    ];
    const selectedColumns: DataTableColumns<{ operator: string; inspectors: { id: string; name: string }[] }> = [
      { title: '抽中的经营者（名录编号）', key: 'operator', width: 320 },
      { title: '执法检查人员', key: 'inspectors', render: (row) => row.inspectors.map((i) => i.name).join('、') || '（无可派人员）' },
    ];

    return () => (
      <NSpace vertical>
        {isUnit() && closed.value ? (
          <NAlert type="info" data-testid="draws-closed">
            新的抽查属于当前进行中的专项行动；本页列出所选专项行动的抽查，不能在其中发起新的抽查。
          </NAlert>
        ) : null}
        {isUnit() && !closed.value && noLists.value ? <NAlert type="info">本专项行动未配置双随机抽查事项和执法检查人员名录，不能发起抽查。</NAlert> : null}
        {isUnit() && !closed.value && !noLists.value ? (
          <NCard size="small" title="发起双随机抽查">
            <NForm inline labelPlacement="top">
              <NFormItem label="抽查编号">
                <NInput data-testid="draw-id" value={form.id} placeholder="如 D-2021-0001" onUpdateValue={(v: string) => (form.id = v)} />
              </NFormItem>
              <NFormItem label="抽查事项">
                <NSelect style={{ width: '320px' }} data-testid="draw-item" value={form.item} options={items.value} onUpdateValue={(v: string | null) => (form.item = v ?? form.item)} />
              </NFormItem>
              <NFormItem label="经营者类型">
                <NSelect style={{ width: '160px' }} clearable placeholder="全部" value={form.kind} options={Object.keys(codesOf('operatorKinds')).map((value) => ({ value, label: label('operatorKinds', value) }))} onUpdateValue={(v: string | null) => (form.kind = v)} />
              </NFormItem>
              <NFormItem label="亮照亮证亮标">
                <NSelect style={{ width: '140px' }} clearable placeholder="全部" value={form.status} options={Object.keys(codesOf('displayStatuses')).map((value) => ({ value, label: label('displayStatuses', value) }))} onUpdateValue={(v: string | null) => (form.status = v)} />
              </NFormItem>
              <NFormItem label="抽取数量">
                <NInputNumber data-testid="draw-size" min={1} value={form.sampleSize} onUpdateValue={(v: number | null) => (form.sampleSize = v ?? 1)} />
              </NFormItem>
              <NFormItem label="每户检查人员">
                <NInputNumber min={1} max={10} value={form.inspectorsPerTarget} onUpdateValue={(v: number | null) => (form.inspectorsPerTarget = v ?? 1)} />
              </NFormItem>
              <NFormItem label=" ">
                <NButton type="primary" data-testid="draw-run" loading={busy.value} disabled={form.id.trim() === '' || form.item === ''} onClick={() => void run()}>
                  抽取
                </NButton>
              </NFormItem>
            </NForm>
          </NCard>
        ) : null}
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        {current.value ? (
          <NCard size="small" title={`抽查 ${current.value.id}：${current.value.itemLabel}`} data-testid="draw-current">
            <NSpace vertical>
              <div data-testid="draw-status">
                {current.value.status === 'revealed' ? '已揭示' : '已承诺，等待联席办揭示'} · 名录对象 {current.value.targetCount} 户 · 承诺哈希 {current.value.commitHash.slice(0, 16)}…
                {current.value.seed ? ` · 随机种子 ${current.value.seed.slice(0, 16)}…` : ''}
              </div>
              {current.value.selected ? <NDataTable size="small" data-testid="draw-selected" columns={selectedColumns} data={current.value.selected} /> : null}
              {(current.value.skipped ?? []).map((s) => (
                <div style={{ color: '#a60' }}>
                  回避：{s.name}（{s.inspector}）不参加 {s.operator} 的检查，理由：{s.reason}
                </div>
              ))}
            </NSpace>
          </NCard>
        ) : null}
        <NSpace justify="end">
          <NButton size="small" onClick={() => void publish()} data-testid="draws-publication">
            下载公示表（检查人员姓名已脱敏）
          </NButton>
        </NSpace>
        <NDataTable size="small" data-testid="draws-table" columns={columns} data={draws.value} scrollX={1300} rowKey={(row: DrawView) => row.id} />
      </NSpace>
    );
  },
});
