import { defineComponent, h } from 'vue';
import { useRouter } from 'vue-router';
import { NAlert, NButton, NDataTable, NSpace, NTag, type DataTableColumns } from 'naive-ui';
import type { ProjectedEvent } from '@hub/contracts';
import { live } from '../live';
import { beijing, eventTypeName, unitName } from '../session';

/** Events as the projector commits them (GET /api/v1/live), newest first, each linking to its timeline. */
export const LivePage = defineComponent({
  name: 'LivePage',
  setup() {
    const router = useRouter();
    const columns: DataTableColumns<ProjectedEvent> = [
      { title: '序号', key: 'seq', width: 80 },
      { title: '事件', key: 'type', width: 200, render: (row) => `${eventTypeName(row.type)}（${row.type}）` },
      { title: '发布单位', key: 'source', width: 180, render: (row) => unitName(row.source) },
      {
        title: '对象',
        key: 'subject',
        render: (row) => h(NButton, { text: true, type: 'primary', onClick: () => void router.push({ path: '/timeline', query: { subject: row.subject, unit: row.source } }) }, () => row.subject),
      },
      { title: '接收单位', key: 'toUnit', width: 180, render: (row) => unitName(row.toUnit) },
      { title: '发生时间', key: 'time', width: 150, render: (row) => beijing(row.time) },
    ];
    return () => (
      <NSpace vertical>
        <NAlert type={live.connected ? 'success' : 'warning'} showIcon={false}>
          <NSpace align="center">
            <NTag type={live.connected ? 'success' : 'warning'}>{live.connected ? '已连接' : '正在连接'}</NTag>
            <span>新事件经投影入库后即时出现在此（无需刷新）。本次会话已收到 {live.events.length} 条。</span>
          </NSpace>
        </NAlert>
        <NDataTable size="small" columns={columns} data={live.events} rowKey={(row: ProjectedEvent) => row.seq} pagination={{ pageSize: 50 }} data-testid="live-table" />
      </NSpace>
    );
  },
});
