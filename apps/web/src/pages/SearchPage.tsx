import { computed, defineComponent, h, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { NAlert, NButton, NCard, NDataTable, NEmpty, NSpace, NTag, useMessage, type DataTableColumns } from 'naive-ui';
import type { AssistanceRequestResult, EntityHit, EntitySearchResult, OperatorItem } from '@hub/contracts';
import { api, post } from '../api';
import { beijing, categoryName, departmentName, label, regionName, session, unitName } from '../session';
import { scrollWidth } from '../table-width';

const STATUS_LABELS: Record<string, string> = { open: '办理中', referred: '已移送', closed: '已办结', opened: '已立案', decided: '已决定', transferred: '已移送公安', assisted: '配合查处' };

/**
 * 要素查询结果: who else holds this USCC, phone, shop … (issue 15 §2). A record shared at the caller's level
 * shows its content and cluster; one above it reads "由 <部门>（<地区>）掌握" with a one-click 请求协查, which
 * sends the holder an assistance referral it answers in its 移送协查 inbox.
 */
export const SearchPage = defineComponent({
  name: 'SearchPage',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const message = useMessage();
    const result = ref<EntitySearchResult>();
    const error = ref('');
    const loading = ref(false);
    const requested = ref<Record<string, string>>({});

    const load = async (): Promise<void> => {
      const kind = typeof route.query['kind'] === 'string' ? route.query['kind'] : '';
      const value = typeof route.query['value'] === 'string' ? route.query['value'] : '';
      result.value = undefined;
      error.value = '';
      if (!kind || !value) return;
      loading.value = true;
      try {
        result.value = await api<EntitySearchResult>('entities/search', { kind, value });
      } catch (failure) {
        error.value = (failure as Error).message;
      } finally {
        loading.value = false;
      }
    };
    watch(() => [route.query['kind'], route.query['value']], () => void load(), { immediate: true });

    const request = async (hit: EntityHit): Promise<void> => {
      try {
        const stored = await post<AssistanceRequestResult>('entities/request', { record: hit.record, reason: `我单位查询${label('entityKinds', result.value?.kind) || '要素'}“${result.value?.value ?? ''}”，发现贵单位掌握相关记录，请求协查` });
        requested.value = { ...requested.value, [hit.record]: stored.referralId };
        message.success(`已向${unitName(hit.unit)}发出协查请求（${stored.referralId}）`);
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };

    const content = (hit: EntityHit) => {
      if (hit.visibility === 'existence') {
        return h('span', { 'data-testid': 'existence-only', style: { color: '#8a6d3b' } }, `该记录由${departmentName(hit.department)}（${regionName(hit.region)}）掌握，共享范围不含本单位 — 可请求协查`);
      }
      return h('span', {}, [hit.caseNo ? `案号 ${hit.caseNo}：` : '', hit.summary ?? '']);
    };

    const columns = computed<DataTableColumns<EntityHit>>(() => [
      { title: '记录', key: 'record', width: 120, render: (hit) => (hit.recordType === 'lead' ? '线索' : '案件') },
      { title: '持有单位', key: 'unit', width: 200, render: (hit) => unitName(hit.unit) },
      { title: '类别', key: 'category', width: 130, render: (hit) => categoryName(hit.category) },
      { title: '时间', key: 'at', width: 150, render: (hit) => beijing(hit.at) },
      // At a laptop's 1,280 px the other columns left the content 74 px; it keeps 280 and the table scrolls sideways.
      { title: '内容', key: 'summary', minWidth: 280, render: content },
      {
        title: '状态 / 线索组',
        key: 'status',
        width: 220,
        render: (hit) =>
          hit.visibility === 'content'
            ? h(NSpace, { size: 4 }, () => [
                h(NTag, { size: 'small' }, () => STATUS_LABELS[hit.status] ?? hit.status),
                h(NTag, { size: 'small', type: 'info' }, () => label('distributionLevels', hit.distribution)),
                hit.clusterId ? h(NButton, { text: true, type: 'primary', size: 'tiny', onClick: () => void router.push('/clusters') }, () => hit.clusterId) : null,
              ])
            : h(NTag, { size: 'small', type: 'warning' }, () => '仅可见存在'),
      },
      {
        title: '',
        key: 'actions',
        width: 110,
        // 请求协查 stays in sight while the table scrolls sideways.
        fixed: 'right',
        render: (hit) =>
          !hit.requestable
            ? null
            : requested.value[hit.record]
              ? h(NTag, { size: 'small', type: 'success' }, () => '已请求')
              : h(NButton, { size: 'small', type: 'primary', 'data-testid': `request-${hit.record}`, onClick: () => void request(hit) }, () => '请求协查'),
      },
    ]);

    const operatorColumns: DataTableColumns<OperatorItem> = [
      { title: '经营者', key: 'name', minWidth: 200 },
      { title: '统一社会信用代码', key: 'uscc', width: 200 },
      { title: '经营地', key: 'region', width: 140, render: (o) => regionName(o.region) },
      { title: '登记单位', key: 'unit', width: 200, render: (o) => unitName(o.unit) },
    ];

    return () => (
      <NSpace vertical>
        {error.value ? <NAlert type="warning">{error.value}</NAlert> : null}
        {result.value ? (
          <NCard size="small" title={`${label('entityKinds', result.value.kind) || '经营者名称'}：${result.value.value}`}>
            <NSpace vertical>
              <span style={{ color: '#888' }} data-testid="search-summary">
                全平台共 {result.value.items.length} 条记录{result.value.truncated ? '（仅显示前 200 条）' : ''}
                {result.value.key ? `，按关联规则规范化为 ${result.value.key}` : ''}
              </span>
              <NDataTable size="small" scrollX={scrollWidth(columns.value)} columns={columns.value} data={result.value.items} rowKey={(hit: EntityHit) => hit.record} data-testid="search-results" />
            </NSpace>
          </NCard>
        ) : loading.value ? null : (
          <NEmpty description="在页面顶部的查询框中输入统一社会信用代码、手机号、网店链接等，查询其他单位是否掌握相关线索" />
        )}
        {result.value && result.value.operators.length > 0 ? (
          <NCard size="small" title="经营者名录中的匹配">
            <NDataTable size="small" scrollX={scrollWidth(operatorColumns)} columns={operatorColumns} data={result.value.operators} />
          </NCard>
        ) : null}
        {session.me?.kind === 'unit' ? null : <span style={{ color: '#888' }}>协查请求由报送单位发出。</span>}
      </NSpace>
    );
  },
});
