import { computed, defineComponent, h, nextTick, onBeforeUnmount, reactive, ref } from 'vue';
import {
  NAlert,
  NButton,
  NCheckbox,
  NDataTable,
  NDatePicker,
  NDescriptions,
  NInput,
  NInputNumber,
  NProgress,
  NRadioButton,
  NRadioGroup,
  NSelect,
  NSpace,
  NTag,
  type DataTableColumns,
} from 'naive-ui';
import type { AuditFinding, AuditVerifyLine, AuditVerifySummary } from '@hub/contracts';
import { ApiError, postLines, type Params } from '../api';
import { findingName } from '../audit-findings';
import { descriptionItem } from '../descriptions';
import { departmentName, regionName, session } from '../session';
import { scrollWidth } from '../table-width';
import { AuditProofPanel } from './AuditProofPanel';

type Summary = AuditVerifySummary & { listed: number };
/** The pass asked for: the whole log, or the replay filters (times as the date pickers give them, ms). */
interface VerifyForm {
  scope: 'all' | 'part';
  department: string | null;
  region: string | null;
  aggregateType: string;
  subject: string;
  fromSeq: number | null;
  toSeq: number | null;
  since: number | null;
  until: number | null;
  archive: boolean;
}
type State = 'idle' | 'running' | 'done' | 'stopped' | 'cut' | 'failed';

/** As POST /api/v1/audit/verify pages its findings (its default limit). */
const PAGE_SIZE = 100;

/**
 * 日志核验 (auditors): a verification pass over the whole log or a part (POST /api/v1/audit/verify/stream), its progress
 * while it reads, its totals and findings; from a finding, or a typed event id, the event's inclusion proof.
 */
export const AuditVerifyPage = defineComponent({
  name: 'AuditVerifyPage',
  setup() {
    const form = reactive<VerifyForm>({ scope: 'all', department: null, region: null, aggregateType: '', subject: '', fromSeq: null, toSeq: null, since: null, until: null, archive: true });
    const state = ref<State>('idle');
    const error = ref('');
    const progress = ref<{ seq: number; lastSeq: number } | null>(null);
    const findings = ref<AuditFinding[]>([]);
    // Found so far (the table shows the first page while the pass runs, all of them when it ends).
    const foundCount = ref(0);
    const summary = ref<Summary | null>(null);
    const startedAt = ref(0);
    const now = ref(Date.now());
    const proofLookup = ref('');
    const proofAnchor = ref<HTMLElement | null>(null);
    let abort: AbortController | undefined;
    let ticker: ReturnType<typeof setInterval> | undefined;

    const params = (): Params => {
      if (form.scope === 'all') return { archive: form.archive };
      const iso = (ms: number | null): string | undefined => (ms === null ? undefined : new Date(ms).toISOString());
      return {
        department: form.department,
        region: form.region,
        aggregateType: form.aggregateType.trim(),
        subject: form.subject.trim(),
        fromSeq: form.fromSeq,
        toSeq: form.toSeq,
        since: iso(form.since),
        until: iso(form.until),
      };
    };
    // Only a whole-log pass is compared with the archive (the API ignores `archive` for a filtered one).
    const comparesArchive = computed(() => form.scope === 'all' && form.archive);

    const stopTicker = (): void => {
      if (ticker !== undefined) clearInterval(ticker);
      ticker = undefined;
    };
    const run = async (): Promise<void> => {
      abort?.abort();
      abort = new AbortController();
      state.value = 'running';
      error.value = '';
      progress.value = null;
      findings.value = [];
      foundCount.value = 0;
      summary.value = null;
      proofLookup.value = '';
      startedAt.value = Date.now();
      now.value = startedAt.value;
      ticker = setInterval(() => (now.value = Date.now()), 500);
      const found: AuditFinding[] = [];
      try {
        await postLines<AuditVerifyLine>(
          'audit/verify/stream',
          params(),
          (line) => {
            if (line.kind === 'progress') progress.value = { seq: line.seq, lastSeq: line.lastSeq };
            else if (line.kind === 'finding') {
              const { kind: _kind, ...finding } = line;
              found.push(finding);
              foundCount.value = found.length;
              if (found.length <= PAGE_SIZE) findings.value = [...found];
            } else {
              const { kind: _kind, ...rest } = line;
              summary.value = rest;
            }
          },
          abort.signal,
        );
        // As the JSON answer lists them: by sequence.
        findings.value = found.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
        state.value = summary.value ? 'done' : 'cut';
      } catch (failure) {
        findings.value = found;
        if (abort.signal.aborted) state.value = 'stopped';
        else {
          state.value = 'failed';
          error.value = failure instanceof ApiError ? failure.message : `连接中断：${(failure as Error).message}`;
        }
      } finally {
        stopTicker();
        now.value = Date.now();
      }
    };
    const stop = (): void => abort?.abort();
    onBeforeUnmount(() => {
      abort?.abort();
      stopTicker();
    });

    const percent = computed(() => {
      const at = progress.value;
      if (!at) return 0;
      const from = form.scope === 'part' && form.fromSeq !== null ? form.fromSeq - 1 : 0;
      const end = Math.min(form.scope === 'part' && form.toSeq !== null ? form.toSeq : at.lastSeq, at.lastSeq);
      return end <= from ? 100 : Math.max(0, Math.min(100, Math.floor(((at.seq - from) / (end - from)) * 100)));
    });
    const elapsed = computed(() => `${Math.round((now.value - startedAt.value) / 1000)} 秒`);

    const showProof = async (lookup: string): Promise<void> => {
      proofLookup.value = lookup;
      await nextTick();
      proofAnchor.value?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    };

    const columns = computed<DataTableColumns<AuditFinding>>(() => [
      {
        title: '问题',
        key: 'code',
        width: 190,
        render: (row) =>
          h('div', [h('div', findingName(row.code)), h('code', { style: { fontSize: '12px', color: '#888' }, 'data-testid': 'finding-code' }, row.code)]),
      },
      { title: '序号', key: 'seq', width: 70, render: (row) => (row.seq === null ? '—' : String(row.seq)) },
      { title: '主题', key: 'streamSubject', width: 200, render: (row) => h('span', { style: { wordBreak: 'break-all' } }, row.streamSubject ?? '—') },
      { title: '事件ID', key: 'eventId', width: 170, render: (row) => h('code', { style: { fontSize: '12px', wordBreak: 'break-all' } }, row.eventId ?? '—') },
      { title: '说明', key: 'message', minWidth: 300 },
      {
        title: '操作',
        key: 'actions',
        width: 100,
        fixed: 'right',
        // By seq where the finding has one: a MISSING_IN_ARCHIVE event is in the stream only, and its id finds nothing in the archive.
        render: (row) => {
          const lookup = row.seq !== null ? String(row.seq) : row.eventId;
          return lookup ? h(NButton, { size: 'small', onClick: () => void showProof(lookup), 'data-testid': 'finding-proof' }, () => '包含证明') : null;
        },
      },
    ]);

    const byCodeRows = computed(() =>
      Object.entries(summary.value?.byCode ?? {})
        .map(([code, count]) => ({ code, count: count ?? 0 }))
        .sort((a, b) => b.count - a.count),
    );
    const departments = computed(() => Object.keys(session.catalogue?.departments ?? {}).concat('joint').filter((code, i, all) => all.indexOf(code) === i).map((value) => ({ value, label: departmentName(value) })));
    const regions = computed(() => Object.keys(session.catalogue?.regions ?? {}).map((value) => ({ value, label: `${regionName(value)}（${value}）` })));

    const archiveText = (s: Summary): string => {
      if (!s.archive) return comparesArchiveAtRun.value ? '未比对（未配置归档数据库）' : '未比对（仅全部日志核验时比对）';
      const a = s.archive;
      return `归档 ${a.rows} 行；已归档至序号 ${a.archivedThrough}，尚未归档 ${a.notYetArchived}，核验期间新归档 ${a.archivedDuringPass}`;
    };
    const comparesArchiveAtRun = ref(true);

    return () => {
      const s = summary.value;
      const running = state.value === 'running';
      return (
        <NSpace vertical size="large">
          <NAlert type="info" showIcon={false}>
            核验逐条检查事件日志：每个事件的哈希与签名（按密钥登记册，含密钥轮换）、每个聚合的版本与哈希链、批次印章（根哈希、签名、印章链），全部日志核验时还与 PostgreSQL 归档逐条比对。只读，不改动任何数据。日志很大时全部核验需要较长时间，页面显示进度，可随时停止。
          </NAlert>
          <NSpace vertical>
            <NSpace align="center">
              <span>范围</span>
              <NRadioGroup value={form.scope} onUpdateValue={(value: 'all' | 'part') => (form.scope = value)} disabled={running}>
                <NRadioButton value="all" data-testid="scope-all">
                  全部日志
                </NRadioButton>
                <NRadioButton value="part" data-testid="scope-part">
                  按条件
                </NRadioButton>
              </NRadioGroup>
              <NCheckbox checked={comparesArchive.value} disabled={running || form.scope !== 'all'} onUpdateChecked={(value: boolean) => (form.archive = value)} data-testid="compare-archive">
                与归档比对{form.scope === 'all' ? '' : '（仅全部日志）'}
              </NCheckbox>
            </NSpace>
            {form.scope === 'part' ? (
              <NSpace data-testid="verify-filters">
                <NSelect style={{ width: '170px' }} clearable filterable placeholder="部门" value={form.department} options={departments.value} onUpdateValue={(value: string | null) => (form.department = value)} />
                <NSelect style={{ width: '200px' }} clearable filterable placeholder="地区" value={form.region} options={regions.value} onUpdateValue={(value: string | null) => (form.region = value)} />
                <NInput style={{ width: '150px' }} placeholder="聚合类型，如 case" value={form.aggregateType} onUpdateValue={(value: string) => (form.aggregateType = value)} />
                <NInput style={{ width: '200px' }} placeholder="单个聚合，如 lead/L-2021-0001" value={form.subject} onUpdateValue={(value: string) => (form.subject = value)} />
                <NInputNumber style={{ width: '130px' }} min={1} clearable placeholder="起始序号" value={form.fromSeq} onUpdateValue={(value: number | null) => (form.fromSeq = value)} />
                <NInputNumber style={{ width: '130px' }} min={1} clearable placeholder="截止序号" value={form.toSeq} onUpdateValue={(value: number | null) => (form.toSeq = value)} />
                <NDatePicker type="datetime" clearable placeholder="入库时间起" value={form.since} onUpdateValue={(value: number | null) => (form.since = value)} />
                <NDatePicker type="datetime" clearable placeholder="入库时间止" value={form.until} onUpdateValue={(value: number | null) => (form.until = value)} />
              </NSpace>
            ) : null}
            <NSpace>
              <NButton
                type="primary"
                loading={running}
                disabled={running}
                onClick={() => {
                  comparesArchiveAtRun.value = comparesArchive.value;
                  void run();
                }}
                data-testid="verify-run"
              >
                {running ? '核验中…' : '开始核验'}
              </NButton>
              {running ? (
                <NButton onClick={stop} data-testid="verify-stop">
                  停止
                </NButton>
              ) : null}
            </NSpace>
          </NSpace>

          {running || (state.value !== 'idle' && progress.value) ? (
            <div data-testid="verify-progress" data-state={state.value}>
              <NProgress type="line" percentage={percent.value} processing={running} indicatorPlacement="inside" height={18} />
              <div style={{ fontSize: '13px', color: '#666', marginTop: '6px' }}>
                {progress.value
                  ? running && percent.value >= 100
                    ? `日志已读完（序号 ${progress.value.seq}），正在核对印章${comparesArchiveAtRun.value ? '并与归档比对' : ''}…`
                    : `已读到序号 ${progress.value.seq} / ${progress.value.lastSeq}`
                  : running
                    ? '正在准备（读取密钥登记册与事件流信息）…'
                    : ''}
                {`，用时 ${elapsed.value}`}
                {foundCount.value > 0 && running ? `，已发现 ${foundCount.value} 个问题` : ''}
              </div>
            </div>
          ) : null}

          {error.value ? (
            <NAlert type="error" title="核验未能进行" data-testid="verify-error">
              {error.value}
            </NAlert>
          ) : null}
          {state.value === 'stopped' ? <NAlert type="warning">核验已停止，没有结果；下列问题只是停止前已发现的。</NAlert> : null}
          {state.value === 'cut' ? <NAlert type="error">核验未完成：连接中断，没有收到结果摘要（服务端出错或网络断开）。请重试。</NAlert> : null}

          {s ? (
            <NSpace vertical data-testid="verify-result" data-ok={String(s.ok)}>
              <NAlert type={s.ok ? 'success' : 'error'} title={s.ok ? '核验通过' : `发现 ${s.findings} 个问题`} data-testid="verify-verdict">
                {s.ok ? '未发现任何问题：哈希、签名、哈希链、印章' + (s.archive ? '与归档副本' : '') + '均一致。' : '下表列出每个问题的序号、主题与事件，可查看其包含证明。'}
              </NAlert>
              <NDescriptions bordered size="small" column={3} labelStyle={{ width: '110px' }}>
                {[
                  descriptionItem('结果', s.ok ? 'ok' : '不通过'),
                  descriptionItem('事件数', String(s.events), { testId: 'summary-events' }),
                  descriptionItem('聚合数', String(s.aggregates)),
                  descriptionItem('读到序号', String(s.lastSeq), { testId: 'summary-last-seq' }),
                  descriptionItem('印章数', String(s.seals)),
                  descriptionItem('待盖印章', String(s.awaitingSeal ?? 0)),
                  descriptionItem('归档比对', archiveText(s), { span: 3, testId: 'summary-archive' }),
                ]}
              </NDescriptions>
              {byCodeRows.value.length > 0 ? (
                <NSpace data-testid="verify-by-code">
                  {byCodeRows.value.map((row) => (
                    <NTag type="error" size="small" key={row.code}>
                      {`${findingName(row.code)}（${row.code}）× ${row.count}`}
                    </NTag>
                  ))}
                </NSpace>
              ) : null}
              {s.listed < s.findings ? <NAlert type="warning">{`共 ${s.findings} 个问题，列出前 ${s.listed} 个（与 API 相同的上限）。`}</NAlert> : null}
            </NSpace>
          ) : null}

          {findings.value.length > 0 ? (
            <NDataTable
              size="small"
              columns={columns.value}
              data={findings.value}
              scrollX={scrollWidth(columns.value)}
              rowKey={(row: AuditFinding) => `${row.code}:${row.seq ?? ''}:${row.eventId ?? ''}:${row.message}`}
              pagination={{ pageSize: PAGE_SIZE, prefix: ({ itemCount }: { itemCount: number | undefined }) => `共 ${itemCount ?? 0} 条` }}
              data-testid="findings-table"
            />
          ) : null}

          <div ref={proofAnchor}>
            <AuditProofPanel lookup={proofLookup.value} />
          </div>
        </NSpace>
      );
    };
  },
});
