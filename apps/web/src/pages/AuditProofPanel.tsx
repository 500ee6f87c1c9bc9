import { defineComponent, ref, watch, type PropType } from 'vue';
import { NAlert, NButton, NCard, NDataTable, NDescriptions, NInput, NSpace, NTag } from 'naive-ui';
import type { AuditInclusionProof, AuditKeyRegistry } from '@hub/contracts';
import { checkInclusionProofWebCrypto, type ProofVerdict } from '../../../../libs/domain/src/integrity/inclusion-proof-webcrypto';
import { api, ApiError } from '../api';
import { descriptionItem } from '../descriptions';
import { beijing, departmentName, eventTypeName, unitName } from '../session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEQ = /^[1-9][0-9]{0,14}$/;
const BAD_ID = '事件ID（eventId）格式不正确：须为已存储事件的 UUID，如 0190f0a1-7c2e-7000-8000-000000000001；或填写存储序号（seq），如 8';

/** What was typed (or a finding's): a stream sequence when it is a whole number, else an event id. */
function lookupOf(typed: string): { seq: string } | { eventId: string } | undefined {
  if (SEQ.test(typed)) return { seq: typed };
  return UUID.test(typed) ? { eventId: typed } : undefined;
}

/** The hub's refusal in Chinese, naming the field: a bad id, no such event, or an event without a seal. */
function proofError(failure: unknown, lookup: { seq: string } | { eventId: string }): string {
  if (!(failure instanceof ApiError)) return `查询失败：${(failure as Error).message}`;
  if (failure.status === 400) return BAD_ID;
  if ('seq' in lookup && failure.status === 404) return `存储序号（seq）${lookup.seq} 处没有带批次印章的事件：该序号没有存储事件、存的是印章，或事件单独签名（印章启用之前存储）或其印章尚未存储`;
  const eventId = 'eventId' in lookup ? lookup.eventId : '';
  if (failure.status === 404 && failure.message.includes('has no seal')) return `事件ID（eventId）${eventId} 没有批次印章：该事件单独签名（印章启用之前存储），或其印章尚未存储，没有包含证明`;
  // By id the hub finds an event's sequence through the archive: an event it lacks (never stored, or MISSING_IN_ARCHIVE) is found by its seq instead.
  if (failure.status === 404) return `事件ID（eventId）${eventId} 在归档中找不到：没有这个事件，或它在归档中缺失（此时请按存储序号查询）`;
  if (failure.status === 403) return '只有审计员可以查看包含证明';
  return `查询失败（${failure.status}）：${failure.message}`;
}

const Check = (props: { ok: boolean; label: string }) => (
  <NTag size="small" type={props.ok ? 'success' : 'error'} bordered={false}>
    {props.ok ? '✓ ' : '✗ '}
    {props.label}
  </NTag>
);

const mono = { fontFamily: 'monospace', fontSize: '12px', wordBreak: 'break-all' } as const;

/**
 * 包含证明: GET /api/v1/audit/proof for an event id or a stream sequence (typed, or a finding's), and the page's own check of it with
 * WebCrypto — the event's hash, the RFC 9162 root recomputed from the path against the seal's, the seal's hash, and its
 * Ed25519 signature with the department's key valid when it was sealed (from GET /api/v1/audit/keys).
 */
export const AuditProofPanel = defineComponent({
  name: 'AuditProofPanel',
  props: { lookup: { type: String as PropType<string>, default: '' } },
  setup(props) {
    const input = ref(props.lookup);
    const proof = ref<AuditInclusionProof | null>(null);
    const verdict = ref<ProofVerdict | null>(null);
    const error = ref('');
    const loading = ref(false);
    let registry: AuditKeyRegistry | undefined;
    const load = async (): Promise<void> => {
      const typed = input.value.trim();
      proof.value = null;
      verdict.value = null;
      if (typed === '') return void (error.value = '请填写事件ID（eventId）或存储序号（seq）');
      const lookup = lookupOf(typed);
      if (lookup === undefined) return void (error.value = BAD_ID);
      loading.value = true;
      try {
        const answer = await api<AuditInclusionProof>('audit/proof', lookup);
        registry ??= await api<AuditKeyRegistry>('audit/keys');
        verdict.value = await checkInclusionProofWebCrypto(answer, registry);
        proof.value = answer;
        error.value = '';
      } catch (failure) {
        error.value = proofError(failure, lookup);
      } finally {
        loading.value = false;
      }
    };
    // A finding's "包含证明" sets its seq (or its id): show that event's proof.
    watch(
      () => props.lookup,
      (lookup) => {
        input.value = lookup;
        if (lookup) void load();
      },
      { immediate: true },
    );
    const pathColumns = [
      { title: '层', key: 'level', width: 60 },
      { title: '兄弟节点哈希（由叶向根）', key: 'hash', render: (row: { hash: string }) => <span style={mono}>{row.hash}</span> },
    ];
    return () => {
      const p = proof.value;
      const v = verdict.value;
      return (
        <NCard title="包含证明" size="small" data-testid="proof-panel">
          <NSpace vertical>
            <NSpace>
              <NInput placeholder="事件ID（UUID）或存储序号" value={input.value} onUpdateValue={(value: string) => (input.value = value)} style={{ width: '380px' }} data-testid="proof-event-id" />
              <NButton type="primary" loading={loading.value} onClick={() => void load()} data-testid="proof-load">
                查看包含证明
              </NButton>
            </NSpace>
            {error.value ? (
              <NAlert type="error" data-testid="proof-error">
                {error.value}
              </NAlert>
            ) : null}
            {p && v ? (
              <NSpace vertical>
                <NAlert type={v.proven ? 'success' : 'error'} data-testid="proof-verdict">
                  {v.proven
                    ? `已证明：${departmentName(p.event.source.split('/')[0])}签名的印章（序号 ${p.sealSeq}）包含此事件，内容未被改动。`
                    : '未能证明：下列核对项中有不成立的，此事件与印章不符或印章签名无效。'}
                </NAlert>
                <NSpace data-testid="proof-checks">
                  <Check ok={v.eventIntact} label="事件内容哈希一致" />
                  <Check ok={v.inSealedTree} label="由路径重算的根与印章的根一致" />
                  <Check ok={v.sealListsEvent} label="印章列出该事件序号" />
                  <Check ok={v.sealIntact} label="印章内容哈希一致" />
                  <Check ok={v.signatureValid} label={v.key ? '印章签名有效（Ed25519）' : '无该部门当时有效的密钥'} />
                </NSpace>
                <NDescriptions bordered size="small" column={2} labelStyle={{ width: '150px' }}>
                  {[
                    descriptionItem('事件', `${eventTypeName(p.event.type)} · ${p.event.subject} · ${unitName(p.event.source)}`),
                    descriptionItem('序号 / 入库时间', `${p.seq} · ${beijing(p.event.recordedAt)}`),
                    descriptionItem('事件哈希', <span style={mono}>{p.event.hash}</span>, { span: 2 }),
                    descriptionItem('叶位置 / 树大小', `${p.leafIndex} / ${p.treeSize}（印章覆盖 ${p.seal.count} 个事件）`),
                    descriptionItem('印章', `${p.seal.signer} · 序号 ${p.sealSeq} · ${beijing(p.seal.sealedAt)}`),
                    descriptionItem('印章的根', <span style={mono}>{p.seal.root}</span>, { span: 2, testId: 'seal-root' }),
                    descriptionItem('本页重算的根', <span style={{ ...mono, color: v.inSealedTree ? '#18a058' : '#d03050' }}>{v.recomputedRoot ?? '（路径与树大小不符，无法重算）'}</span>, { span: 2, testId: 'recomputed-root' }),
                    descriptionItem('印章覆盖序号', p.seal.batch.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`)).join('，')),
                    descriptionItem('印章存储主题', <span style={mono}>{p.sealSubject}</span>),
                    descriptionItem('印章哈希', <span style={mono}>{p.seal.hash}</span>, { span: 2 }),
                    descriptionItem('上一印章', <span style={mono}>{p.seal.prevSeal ?? '（该签名者的第一个印章）'}</span>, { span: 2 }),
                    descriptionItem(
                      '核验公钥',
                      v.key ? <span><span style={mono}>{v.key.publicKey}</span>{`（有效期 ${beijing(v.key.validFrom)} 至 ${v.key.validTo ? beijing(v.key.validTo) : '今'}）`}</span> : '密钥登记册中没有该部门在盖章时有效的密钥',
                      { span: 2 },
                    ),
                  ]}
                </NDescriptions>
                <NDataTable size="small" columns={pathColumns} data={p.path.map((hash, level) => ({ level, hash }))} data-testid="proof-path" />
                <div style={{ fontSize: '12px', color: '#666' }}>
                  核对在本浏览器内完成（WebCrypto）：按 RFC 9162 由事件哈希沿路径重算根哈希（叶 SHA-256(0x00‖事件哈希)，节点 SHA-256(0x01‖左‖右)），与印章的根比对；重算事件与印章的规范 JSON 哈希；用密钥登记册中该部门在盖章时有效的公钥核验印章的 Ed25519 签名。
                </div>
              </NSpace>
            ) : null}
          </NSpace>
        </NCard>
      );
    };
  },
});
