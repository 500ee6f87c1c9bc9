import { defineComponent, onBeforeUnmount, onMounted, ref, type PropType } from 'vue';
import { NAlert, NButton, NModal, NSelect, NSpace, NTag, useMessage } from 'naive-ui';
import type { AttachmentItem, AttachmentUploaded } from '@hub/contracts';
import { api, blobUrl, download, sendForm } from '../api';
import { onProjected } from '../live';
import { beijing } from '../session';

export const KIND_LABELS: Record<string, string> = { decision: '行政处罚决定书', summary: '工作总结', photo: '照片', joint_enforcement: '联合执法材料' };
const ACCEPT: Record<string, string> = { decision: '.pdf', summary: '.pdf,.docx', photo: '.jpg,.jpeg,.png', joint_enforcement: '.pdf,.docx,.jpg,.jpeg,.png' };

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * The files of one record (a case, the unit's report): listed, shown inline (PDFs in a frame, photos as
 * images), and — for the record's own unit — attached by dropping files on the zone or choosing them.
 * The server sniffs each file; a refusal names the field and says why, in the message shown here.
 */
export const AttachmentsPanel = defineComponent({
  name: 'AttachmentsPanel',
  props: {
    unit: { type: String, required: true },
    subject: { type: String, required: true },
    kinds: { type: Array as PropType<string[]>, required: true },
    editable: { type: Boolean, default: false },
    testId: { type: String, default: 'attachments' },
  },
  emits: ['changed'],
  setup(props, { emit }) {
    const message = useMessage();
    const items = ref<AttachmentItem[]>([]);
    const error = ref('');
    const kind = ref(props.kinds[0] ?? 'decision');
    const dragging = ref(false);
    const busy = ref(false);
    const preview = ref<{ url: string; type: string; name: string } | null>(null);
    const input = ref<HTMLInputElement>();
    const load = async (): Promise<void> => {
      try {
        items.value = await api<AttachmentItem[]>('attachments', { unit: props.unit, subject: props.subject });
        error.value = '';
      } catch (failure) {
        error.value = (failure as Error).message;
      }
    };
    const upload = async (files: readonly File[]): Promise<void> => {
      busy.value = true;
      try {
        for (const file of files) {
          const form = new FormData();
          form.append('kind', kind.value);
          form.append('subject', props.subject);
          form.append('file', file, file.name);
          try {
            const stored = await sendForm<AttachmentUploaded>('attachments', form);
            message.success(stored.duplicate ? `${file.name} 已在附件中` : `已添加附件 ${file.name}`);
          } catch (failure) {
            message.error(`${file.name}：${(failure as Error).message}`);
          }
        }
        await load();
        emit('changed');
      } finally {
        busy.value = false;
      }
    };
    const onDrop = (event: DragEvent): void => {
      event.preventDefault();
      dragging.value = false;
      if (!props.editable) return;
      void upload([...(event.dataTransfer?.files ?? [])]);
    };
    const show = async (item: AttachmentItem): Promise<void> => {
      // Only PDFs and photos display in the page; a Word document is saved instead.
      if (item.mediaType !== 'application/pdf' && !item.mediaType.startsWith('image/')) {
        await download(`attachments/${item.sha256}`, { download: '1' }, item.fileName).catch((failure: Error) => message.error(failure.message));
        return;
      }
      try {
        const file = await blobUrl(`attachments/${item.sha256}`);
        preview.value = { ...file, name: item.fileName };
      } catch (failure) {
        message.error((failure as Error).message);
      }
    };
    const close = (): void => {
      if (preview.value) URL.revokeObjectURL(preview.value.url);
      preview.value = null;
    };
    let stop: (() => void) | undefined;
    onMounted(() => {
      void load();
      stop = onProjected((event) => {
        if (event.type === 'attachment.added' && event.subject === props.subject) void load();
      });
    });
    onBeforeUnmount(() => {
      stop?.();
      close();
    });
    return () => (
      <NSpace vertical size="small" data-testid={props.testId}>
        {error.value ? <NAlert type="error">{error.value}</NAlert> : null}
        {items.value.length === 0 ? <span style={{ color: '#888' }}>暂无附件</span> : null}
        {items.value.map((item) => (
          <NSpace key={`${item.sha256}-${item.kind}`} align="center" data-testid="attachment-item">
            <NTag size="small">{KIND_LABELS[item.kind] ?? item.kind}</NTag>
            <span>{item.fileName}</span>
            <span style={{ color: '#888' }}>
              {size(item.size)} · {beijing(item.addedAt)} · SHA-256 {item.sha256.slice(0, 12)}…
            </span>
            <NButton size="tiny" onClick={() => void show(item)}>
              查看
            </NButton>
            <NButton size="tiny" onClick={() => void download(`attachments/${item.sha256}`, { download: '1' }, item.fileName).catch((failure: Error) => message.error(failure.message))}>
              下载
            </NButton>
          </NSpace>
        ))}
        {props.editable ? (
          <NSpace align="center">
            {props.kinds.length > 1 ? (
              <NSelect size="small" style={{ width: '160px' }} value={kind.value} options={props.kinds.map((value) => ({ value, label: KIND_LABELS[value] ?? value }))} onUpdateValue={(value: string) => (kind.value = value)} />
            ) : null}
            <div
              data-testid={`${props.testId}-drop`}
              style={{ border: `2px dashed ${dragging.value ? '#18a058' : '#ccc'}`, borderRadius: '6px', padding: '10px 18px', cursor: 'pointer', color: '#666' }}
              onDragover={(event: DragEvent) => {
                event.preventDefault();
                dragging.value = true;
              }}
              onDragleave={() => (dragging.value = false)}
              onDrop={onDrop}
              onClick={() => input.value?.click()}
            >
              {busy.value ? '上传中…' : `将${KIND_LABELS[kind.value] ?? '文件'}拖到此处，或点击选择（${ACCEPT[kind.value] ?? ''}）`}
            </div>
            <input
              ref={input}
              type="file"
              multiple
              accept={ACCEPT[kind.value]}
              style={{ display: 'none' }}
              data-testid={`${props.testId}-input`}
              onChange={(event: Event) => {
                const target = event.target as HTMLInputElement;
                void upload([...(target.files ?? [])]).finally(() => (target.value = ''));
              }}
            />
          </NSpace>
        ) : null}
        <NModal show={preview.value !== null} preset="card" style={{ width: '80vw' }} title={preview.value?.name ?? ''} onUpdateShow={(open: boolean) => (open ? undefined : close())}>
          {preview.value?.type === 'application/pdf' ? (
            <iframe data-testid="attachment-preview" title={preview.value.name} src={preview.value.url} style={{ width: '100%', height: '75vh', border: 'none' }} />
          ) : preview.value ? (
            <img data-testid="attachment-preview" alt={preview.value.name} src={preview.value.url} style={{ maxWidth: '100%' }} />
          ) : null}
        </NModal>
      </NSpace>
    );
  },
});
