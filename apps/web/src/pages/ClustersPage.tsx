import { computed, defineComponent, h, reactive, ref } from 'vue';
import { useRouter } from 'vue-router';
import {
  NAlert,
  NButton,
  NCard,
  NDataTable,
  NDrawer,
  NDrawerContent,
  NForm,
  NFormItem,
  NInput,
  NSpace,
  NSwitch,
  NTag,
  NTimeline,
  NTimelineItem,
  useMessage,
  type DataTableColumns,
} from 'naive-ui';
import type { AssistanceRequestResult, ClusterDecision, ClusterDetail, ClusterMember, ClusterPage, ClusterSummary } from '@hub/contracts';
import { api, post } from '../api';
import { useListQuery } from '../list';
import { beijing, categoryName, departmentName, eventTypeName, isCoordinator, isUnit, regionName, session, unitName } from '../session';
import { scrollWidth } from '../table-width';

/** Who changed a cluster, as the history says it (the raw codes stood in the timeline). */
const HISTORY_BY: Record<string, string> = { correlation: '自动关联', coordinator: '协调员' };

/** The leads a history entry concerns: its one lead, or (a cluster formed, a batch's growths in one cluster.grown) each member's unit and id. */
function historyLeads(entry: { leadId?: string; members: readonly string[] }): string | undefined {
  if (entry.leadId !== undefined || entry.members.length === 0) return entry.leadId;
  const shown = entry.members.slice(0, HISTORY_LEADS_SHOWN).map((member) => {
    const [department, region, , id] = member.split('/');
    return `${unitName(`${department ?? ''}/${region ?? ''}`)} ${id ?? member}`;
  });
  const more = entry.members.length > HISTORY_LEADS_SHOWN ? ` 等 ${entry.members.length} 条` : '';
  return `${entry.members.length} 条线索：${shown.join('、')}${more}`;
}
const HISTORY_LEADS_SHOWN = 10;

const KEY_LABELS: Record<string, string> = { uscc: '统一社会信用代码', phone: '手机号', domain: '域名', shop_url: '网店', listing_url: '商品链接', app_id: 'APP', platform_account: '平台账号', waybill: '运单' };

/** Clusters of leads that share an operator (USCC, phone, shop …) across regions and departments. */
export const ClustersPage = defineComponent({
  name: 'ClustersPage',
  setup() {
    const router = useRouter();
    const message = useMessage();
    const filters = reactive({ crossRegion: false, crossDepartment: false });
    const { rows, total, loading, error, load } = useListQuery<ClusterSummary>(
      () => api<ClusterPage>('clusters', { crossRegion: filters.crossRegion || undefined, crossDepartment: filters.crossDepartment || undefined, limit: 500 }),
      ['cluster.', 'jurisdiction.'],
    );
    const detail = ref<ClusterDetail>();
    const form = reactive({ leadId: '', reason: '' });

    const open = async (clusterId: string): Promise<void> => {
      try {
        detail.value = await api<ClusterDetail>(`clusters/${encodeURIComponent(clusterId)}`);
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };
    /** `member` is the qualified `<dept>/<region>/lead|case/<id>` the gateway requires (lead ids are unique per unit only). */
    const change = async (action: 'link' | 'unlink', member: string, reason: string): Promise<void> => {
      if (!detail.value) return;
      if (!reason.trim()) {
        message.warning('请先在“理由”中写明关联或取消关联的理由');
        return;
      }
      try {
        await post<ClusterDecision>(`clusters/${encodeURIComponent(detail.value.clusterId)}/${action}`, { leadId: member, reason });
        message.success(action === 'link' ? '已关联' : '已取消关联');
        form.leadId = '';
        form.reason = '';
        await open(detail.value.clusterId);
        await load();
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };


    /** The one-click 请求协查 of a member above the unit's level (an assistance referral to its holder). */
    const requestAssistance = async (row: ClusterMember): Promise<void> => {
      try {
        const stored = await post<AssistanceRequestResult>('entities/request', { record: row.member, reason: `关联线索组 ${detail.value?.clusterId ?? ''} 中的记录，请求协查` });
        message.success(`已向${unitName(row.unit)}发出协查请求（${stored.referralId}）`);
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };

    const columns = computed<DataTableColumns<ClusterSummary>>(() => [
      { title: '线索组', key: 'clusterId', width: 260, render: (row) => h(NButton, { text: true, type: 'primary', onClick: () => void open(row.clusterId) }, () => row.clusterId) },
      { title: '形成时间', key: 'formedAt', width: 140, render: (row) => beijing(row.formedAt) },
      { title: '线索数', key: 'leadCount', width: 70, align: 'right' },
      // Without a floor these three shared what the others left (涉及部门/地区 ~85 px at 1,280).
      { title: '关联要素', key: 'keys', minWidth: 220, render: (row) => row.keys.map((k) => `${KEY_LABELS[k.kind] ?? k.kind}：${k.value}`).join('；') },
      { title: '涉及部门', key: 'departments', minWidth: 100, render: (row) => row.departments.map(departmentName).join('、') },
      { title: '涉及地区', key: 'regions', minWidth: 100, render: (row) => row.regions.map(regionName).join('、') },
      {
        title: '范围',
        key: 'scope',
        width: 130,
        render: (row) =>
          h(NSpace, { size: 4 }, () => [row.crossRegion ? h(NTag, { size: 'small', type: 'info' }, () => '跨地区') : null, row.crossDepartment ? h(NTag, { size: 'small', type: 'warning' }, () => '跨部门') : null]),
      },
    ]);

    const memberColumns: DataTableColumns<ClusterMember> = [
      {
        title: '线索',
        key: 'leadId',
        width: 190,
        // A unit opens the timelines of its own records only (another unit's is outside its scope).
        render: (row) =>
          isUnit() && session.me?.unit !== row.unit
            ? row.leadId
            : h(NButton, { text: true, type: 'primary', onClick: () => void router.push({ path: '/timeline', query: { subject: row.subject, unit: row.unit } }) }, () => row.leadId),
      },
      { title: '报送单位', key: 'unit', width: 160, render: (row) => unitName(row.unit) },
      { title: '类别', key: 'category', width: 120, render: (row) => categoryName(row.category) },
      {
        title: '摘要',
        key: 'summary',
        // The drawer's 900 px were all taken by the fixed columns; the summary keeps 240 and the table scrolls sideways.
        minWidth: 240,
        ellipsis: { tooltip: true },
        render: (row) =>
          row.visibility === 'existence'
            ? h('span', { style: { color: '#8a6d3b' } }, [`由${departmentName(row.department)}（${regionName(row.region)}）掌握，共享范围不含本单位 `, isUnit() ? h(NButton, { size: 'tiny', onClick: () => void requestAssistance(row) }, () => '请求协查') : null])
            : (row.summary ?? ''),
      },
      {
        // Values on a warning list (platform or courier lines, the platforms' own codes and domains): shown, never a link.
        title: '警示',
        key: 'warnings',
        width: 200,
        render: (row) =>
          h(NSpace, { size: 4, vertical: true }, () =>
            (row.warnings ?? []).map((w) => h(NTag, { size: 'small', type: 'warning', title: w.warning.why, 'data-testid': `member-warning-${row.leadId}` }, () => `${w.value} · 警示: ${w.warning.warning}`)),
          ),
      },
      { title: '关联方式', key: 'via', width: 200, render: (row) => (row.via === 'manual' ? '人工关联' : `要素 ${row.key ?? ''}`) },
      {
        title: '',
        key: 'actions',
        width: 90,
        // 取消关联 stays in sight while the table scrolls sideways.
        fixed: 'right',
        // The reason comes from the 理由 field below (required for link and unlink alike).
        render: (row) => (isCoordinator() ? h(NButton, { size: 'tiny', onClick: () => void change('unlink', row.member, form.reason) }, () => '取消关联') : null),
      },
    ];

    return () => (
      <NSpace vertical>
        <NCard size="small">
          <NSpace align="center">
            <span>仅跨地区</span>
            <NSwitch value={filters.crossRegion} onUpdateValue={(value: boolean) => { filters.crossRegion = value; void load(); }} />
            <span>仅跨部门</span>
            <NSwitch value={filters.crossDepartment} onUpdateValue={(value: boolean) => { filters.crossDepartment = value; void load(); }} />
            <span style={{ color: '#888' }}>共 {total.value} 组</span>
          </NSpace>
        </NCard>
        {error.value ? <NAlert type="warning">{error.value}</NAlert> : null}
        <NDataTable size="small" scrollX={scrollWidth(columns.value)} loading={loading.value} columns={columns.value} data={rows.value} rowKey={(row: ClusterSummary) => row.clusterId} pagination={{ pageSize: 30 }} />
        <NDrawer show={detail.value !== undefined} width={900} onUpdateShow={(show: boolean) => { if (!show) detail.value = undefined; }}>
          <NDrawerContent title={`关联线索组 ${detail.value?.clusterId ?? ''}`} closable>
            {detail.value ? (
              <NSpace vertical size="large">
                {detail.value.keys.some((k) => k.warning) ? (
                  <NAlert type="warning" title="警示">
                    {detail.value.keys.filter((k) => k.warning).map((k) => `${KEY_LABELS[k.kind] ?? k.kind} ${k.value}：${k.warning?.warning ?? ''}（${k.warning?.why ?? ''}），不再关联新线索`).join('；')}
                  </NAlert>
                ) : null}
                <NDataTable size="small" scrollX={scrollWidth(memberColumns)} columns={memberColumns} data={detail.value.members} />
                {detail.value.feedback && detail.value.feedback.length > 0 ? (
                  <NCard size="small" title="命中反馈（各单位对关联提醒的确认）">
                    {detail.value.feedback.map((f) => (
                      <div key={`${f.kind}:${f.value}`} data-testid="cluster-feedback">
                        {KEY_LABELS[f.kind] ?? f.kind} {f.value}：已确认 {f.confirmed}，误报 {f.falsePositive}
                      </div>
                    ))}
                  </NCard>
                ) : null}
                <NCard size="small" title="管辖建议">
                  {detail.value.suggestions.length === 0
                    ? '暂无'
                    : detail.value.suggestions.map((s) => (
                        <div key={s.member}>
                          线索 {s.leadId} → 建议由 <b>{regionName(s.suggestedRegion)}{departmentName(s.suggestedDepartment)}</b> 管辖（{s.reason}）
                        </div>
                      ))}
                </NCard>
                {isCoordinator() ? (
                  <NCard size="small" title="人工关联 / 取消关联（填写理由后点“关联”，或点成员行的“取消关联”）">
                    <NForm inline>
                      <NFormItem label="线索编号">
                        <NInput value={form.leadId} onUpdateValue={(value: string) => (form.leadId = value)} placeholder="例如 samr/653100/lead/L-2021-0001" style={{ width: '300px' }} />
                      </NFormItem>
                      <NFormItem label="理由">
                        <NInput value={form.reason} onUpdateValue={(value: string) => (form.reason = value)} placeholder="必填" style={{ width: '260px' }} />
                      </NFormItem>
                      <NButton type="primary" onClick={() => void change('link', form.leadId, form.reason)}>
                        关联
                      </NButton>
                    </NForm>
                  </NCard>
                ) : null}
                <NCard size="small" title="变更记录">
                  <NTimeline>
                    {detail.value.history.map((entry, index) => (
                      <NTimelineItem key={index} title={eventTypeName(entry.type)} time={beijing(entry.at)} content={[historyLeads(entry), entry.reason, HISTORY_BY[entry.by]].filter(Boolean).join(' · ')} />
                    ))}
                  </NTimeline>
                </NCard>
              </NSpace>
            ) : null}
          </NDrawerContent>
        </NDrawer>
      </NSpace>
    );
  },
});
