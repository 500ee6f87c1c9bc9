import { defineComponent, h, onMounted, reactive, ref } from 'vue';
import { NAlert, NButton, NDataTable, NInput, NSpace, NTag, type DataTableColumns } from 'naive-ui';
import type { AccessRecord } from '@hub/contracts';
import { apiLines } from '../api';
import { beijing } from '../session';

/** What the page shows at most: the newest records (the API itself streams everything that matches). */
const SHOWN = 2_000;

/** 访问日志 (auditors): who read or exported what, and every refused request, from GET /api/v1/audit/access. */
export const AccessLogPage = defineComponent({
  name: 'AccessLogPage',
  setup() {
    const filters = reactive({ actor: '', route: '', status: '', since: '', until: '' });
    const records = ref<AccessRecord[]>([]);
    const error = ref('');
    const loading = ref(false);
    const load = async (): Promise<void> => {
      loading.value = true;
      try {
        const all = await apiLines<AccessRecord>('audit/access', { ...filters });
        records.value = all.slice(-SHOWN).reverse();
        error.value = '';
      } catch (failure) {
        error.value = (failure as Error).message;
      } finally {
        loading.value = false;
      }
    };
    onMounted(() => void load());
    const columns: DataTableColumns<AccessRecord> = [
      { title: '时间', key: 'at', width: 150, render: (row) => beijing(row.at) },
      { title: '操作人', key: 'actor', width: 200, render: (row) => row.actor ?? (row.signInFailed ? `登录失败：${row.signInFailed.username ?? '—'}` : '未认证') },
      { title: '角色/范围', key: 'scope', width: 170, render: (row) => [row.role, row.scope].filter(Boolean).join(' · ') },
      { title: '请求', key: 'route', render: (row) => `${row.method} ${row.route}${Object.keys(row.filters).length ? ` ${new URLSearchParams(row.filters).toString()}` : ''}` },
      { title: '状态', key: 'status', width: 80, render: (row) => h(NTag, { size: 'small', type: row.status >= 400 ? 'error' : 'success' }, () => String(row.status)) },
      { title: '导出', key: 'export', width: 60, render: (row) => (row.export ? '是' : '') },
      { title: '字节', key: 'bytes', width: 90 },
      { title: '耗时(ms)', key: 'durationMs', width: 90 },
    ];
    return () => (
      <NSpace vertical>
        <NAlert type="info" showIcon={false}>
          记录每一次已认证的访问、每一次导出、每一次登录失败以及 401/403 拒绝；保存期限默认 180 天，任何人不能删除。最多显示最新 {SHOWN} 条。
        </NAlert>
        <NSpace>
          <NInput placeholder="操作人，如 account:A-…" value={filters.actor} onUpdateValue={(v: string) => (filters.actor = v)} style={{ width: '220px' }} />
          <NInput placeholder="路径前缀，如 /api/v1/annex" value={filters.route} onUpdateValue={(v: string) => (filters.route = v)} style={{ width: '220px' }} />
          <NInput placeholder="状态，如 403 或 4xx" value={filters.status} onUpdateValue={(v: string) => (filters.status = v)} style={{ width: '140px' }} />
          <NInput placeholder="起（ISO 时间）" value={filters.since} onUpdateValue={(v: string) => (filters.since = v)} style={{ width: '200px' }} />
          <NInput placeholder="止（ISO 时间）" value={filters.until} onUpdateValue={(v: string) => (filters.until = v)} style={{ width: '200px' }} />
          <NButton type="primary" loading={loading.value} onClick={() => void load()}>
            查询
          </NButton>
        </NSpace>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        <NDataTable size="small" columns={columns} data={records.value} pagination={{ pageSize: 50 }} data-testid="access-log-table" />
      </NSpace>
    );
  },
});
