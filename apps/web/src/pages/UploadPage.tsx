import { computed, defineComponent, h, ref } from 'vue';
import { NAlert, NButton, NCard, NDataTable, NProgress, NSpace, NStatistic, NTag, useMessage, type DataTableColumns } from 'naive-ui';
import type { UploadCommitResult, UploadPreview, UploadRow, UploadRowStatus } from '@hub/contracts';
import { download, post, query } from '../api';
import { campaignParam, departmentName, session } from '../session';
import { uploadFile } from '../upload';

const STATUS: Record<UploadRowStatus, { label: string; type: 'success' | 'warning' | 'error' }> = {
  new: { label: '将入库', type: 'success' },
  duplicate: { label: '编号重复', type: 'warning' },
  invalid: { label: '有错误', type: 'error' },
};

/**
 * 数据上传: download the department's template, upload the filled file, read the preview (every error
 * names sheet, row and column), then commit the valid rows. Uploading the same rows again stores nothing twice.
 */
export const UploadPage = defineComponent({
  name: 'UploadPage',
  setup() {
    const message = useMessage();
    const input = ref<HTMLInputElement>();
    const progress = ref<number>();
    const phase = ref<'idle' | 'sending' | 'checking' | 'committing'>('idle');
    const preview = ref<UploadPreview>();
    const result = ref<UploadCommitResult>();
    const error = ref('');
    const department = computed(() => session.me?.department ?? '');

    const template = async (): Promise<void> => {
      try {
        await download(`templates/${department.value}.xlsx`, campaignParam(), `${department.value}.xlsx`);
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };
    const choose = (): void => input.value?.click();
    const send = async (event: Event): Promise<void> => {
      const target = event.target as HTMLInputElement;
      const file = target.files?.[0];
      target.value = '';
      if (!file) return;
      preview.value = undefined;
      result.value = undefined;
      error.value = '';
      phase.value = 'sending';
      progress.value = 0;
      try {
        preview.value = await uploadFile<UploadPreview>(`uploads${query(campaignParam())}`, file, (percent) => {
          progress.value = percent;
          if (percent >= 100) phase.value = 'checking';
        });
      } catch (failure) {
        error.value = (failure as Error).message;
      } finally {
        phase.value = 'idle';
        progress.value = undefined;
      }
    };
    const commit = async (): Promise<void> => {
      if (!preview.value) return;
      phase.value = 'committing';
      try {
        result.value = await post<UploadCommitResult>(`uploads/${preview.value.uploadId}/commit`, {});
        message.success(`已入库 ${result.value.stored} 条`);
      } catch (failure) {
        error.value = (failure as Error).message;
      } finally {
        phase.value = 'idle';
      }
    };

    const columns: DataTableColumns<UploadRow> = [
      { title: '工作表', key: 'sheet', width: 90 },
      { title: '行', key: 'row', width: 60 },
      { title: '编号', key: 'key', width: 140 },
      { title: '状态', key: 'status', width: 100, render: (row) => h(NTag, { type: STATUS[row.status].type, size: 'small' }, () => STATUS[row.status].label) },
      { title: '内容', key: 'summary', width: 220 },
      {
        title: '问题',
        key: 'errors',
        render: (row) => (row.errors.length === 0 ? '' : h('div', { class: 'upload-errors' }, row.errors.map((e) => h('div', { style: { color: '#c62828' } }, e.text)))),
      },
    ];
    const problemsFirst = computed(() => [...(preview.value?.rows ?? [])].sort((a, b) => Number(a.status === 'new') - Number(b.status === 'new')));

    return () => (
      <NSpace vertical>
        <NCard size="small" title="1. 下载填报模板">
          <NSpace align="center">
            <NButton onClick={() => void template()} data-testid="download-template">
              下载{departmentName(department.value)}填报模板（.xlsx）
            </NButton>
            <span style={{ color: '#666' }}>每个工作表一类工作；类别、方式等请从下拉列表选择；“编号”由本单位自编且唯一。</span>
          </NSpace>
        </NCard>
        <NCard size="small" title="2. 上传填好的文件">
          <NSpace vertical>
            <NSpace align="center">
              <input ref={input} type="file" accept=".xlsx,.csv" style={{ display: 'none' }} onChange={(event: Event) => void send(event)} data-testid="upload-input" />
              <NButton type="primary" loading={phase.value === 'sending' || phase.value === 'checking'} onClick={choose}>
                选择文件并上传（.xlsx 或 .csv）
              </NButton>
              {phase.value === 'checking' ? <span>正在校验……</span> : null}
            </NSpace>
            {progress.value !== undefined ? <NProgress type="line" percentage={progress.value} indicatorPlacement="inside" /> : null}
            {error.value ? (
              <NAlert type="error" title="上传未成功" data-testid="upload-error">
                {error.value}
              </NAlert>
            ) : null}
          </NSpace>
        </NCard>
        {preview.value ? (
          <NCard size="small" title={`3. 预览：${preview.value.fileName}`} data-testid="upload-preview">
            <NSpace vertical>
              <NSpace size="large">
                <NStatistic label="数据行" value={preview.value.counts.rows} />
                <NStatistic label="将入库" value={preview.value.counts.new} />
                <NStatistic label="编号重复" value={preview.value.counts.duplicate} />
                <NStatistic label="有错误" value={preview.value.counts.invalid} />
              </NSpace>
              {preview.value.sheetErrors.map((e) => (
                <NAlert type="error">{e.text}</NAlert>
              ))}
              {preview.value.counts.invalid > 0 ? (
                <NAlert type="warning">有错误的行不会入库：请在文件中改正后重新上传（已入库的行不会重复入库），或只提交无误的行。</NAlert>
              ) : null}
              <NDataTable size="small" columns={columns} data={problemsFirst.value} maxHeight={420} virtualScroll={problemsFirst.value.length > 200} rowKey={(row: UploadRow) => `${row.sheet}:${row.row}`} />
              <NSpace>
                <NButton type="primary" disabled={preview.value.counts.new === 0 || result.value !== undefined} loading={phase.value === 'committing'} onClick={() => void commit()} data-testid="commit">
                  提交 {preview.value.counts.new} 行（{preview.value.counts.events} 条记录）
                </NButton>
              </NSpace>
            </NSpace>
          </NCard>
        ) : null}
        {result.value ? (
          <NAlert type={result.value.failed > 0 ? 'warning' : 'success'} title="提交完成" data-testid="commit-result">
            新入库 {result.value.stored} 条；此前已入库 {result.value.alreadyStored} 条；失败 {result.value.failed} 条。
            {result.value.results
              .filter((r) => r.outcome === 'failed')
              .map((r) => (
                <div>{`「${r.sheet}」第${r.row}行（${r.key}）：${r.error ?? ''}`}</div>
              ))}
          </NAlert>
        ) : null}
      </NSpace>
    );
  },
});
