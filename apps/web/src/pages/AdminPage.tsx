import { defineComponent, onMounted, ref } from 'vue';
import { NAlert, NButton, NCard, NCheckbox, NInput, NInputNumber, NSelect, NSpace, NTable, NTag } from 'naive-ui';
import { api, send } from '../api';
import { beijing, unitName } from '../session';

interface AccountRole {
  role: string;
  scope: string;
  grantedBy: string;
  reason: string;
  inLog: boolean;
}
interface Account {
  id: string;
  username: string;
  displayName: string;
  totpEnrolled: boolean;
  locked: boolean;
  roles: AccountRole[];
}
interface ApiKey {
  id: string;
  name: string;
  kind: string;
  unit: string | null;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const ROLE_OPTIONS = [
  { value: 'clerk', label: '填报员（单位）' },
  { value: 'unit_head', label: '单位负责人（单位）' },
  { value: 'line_supervisor', label: '条线主管（部门）' },
  { value: 'region_coordinator', label: '地州联席会议（地区）' },
  { value: 'coordinator', label: '自治区联席会议办公室' },
  { value: 'auditor', label: '审计员' },
  { value: 'admin', label: '系统管理员' },
];
const roleName = (role: string): string => ROLE_OPTIONS.find((o) => o.value === role)?.label.replace(/（.*）$/, '') ?? role;

/** Accounts, roles with their scopes (grant/revoke with a reason: events in the log), and machine keys. */
export const AdminPage = defineComponent({
  name: 'AdminPage',
  setup() {
    const accounts = ref<Account[]>([]);
    const keys = ref<ApiKey[]>([]);
    const note = ref<{ type: 'success' | 'error'; text: string } | null>(null);
    const newUser = ref({ username: '', displayName: '', totp: false });
    const created = ref<{ username: string; password: string; totpSecret?: string } | null>(null);
    const grant = ref({ accountId: null as string | null, role: 'clerk', scope: '', reason: '' });
    const newKey = ref({ name: '', unit: '', days: 90 });
    const shownKey = ref<string | null>(null);

    const load = async (): Promise<void> => {
      accounts.value = (await api<{ items: Account[] }>('accounts')).items;
      keys.value = (await api<{ items: ApiKey[] }>('api-keys')).items;
    };
    const attempt = async (work: () => Promise<string>): Promise<void> => {
      try {
        note.value = { type: 'success', text: await work() };
        await load();
      } catch (error) {
        note.value = { type: 'error', text: (error as Error).message };
      }
    };
    onMounted(() => {
      load().catch((error: unknown) => (note.value = { type: 'error', text: (error as Error).message }));
    });

    const createAccount = () =>
      attempt(async () => {
        created.value = await send<{ username: string; password: string; totpSecret?: string }>('POST', 'accounts', newUser.value);
        newUser.value = { username: '', displayName: '', totp: false };
        return `已创建账号 ${created.value.username}：初始密码只显示这一次。`;
      });
    const grantRole = () =>
      attempt(async () => {
        const { accountId, ...body } = grant.value;
        const answer = await send<{ seq: number }>('POST', `accounts/${accountId ?? ''}/roles`, body);
        return `已授予角色（日志序号 ${answer.seq}）。`;
      });
    const revokeRole = (account: Account, role: AccountRole) =>
      attempt(async () => {
        const reason = grant.value.reason.trim();
        if (!reason) throw new Error('请先在“理由”中写明撤销原因。');
        await send('POST', `accounts/${account.id}/roles/revoke`, { role: role.role, scope: role.scope, reason });
        return `已撤销 ${account.username} 的${roleName(role.role)}。`;
      });
    const createKey = () =>
      attempt(async () => {
        const answer = await send<{ key: string; name: string }>('POST', 'api-keys', { name: newKey.value.name, kind: 'unit', unit: newKey.value.unit, expiresInDays: newKey.value.days });
        shownKey.value = answer.key;
        return `已创建密钥“${answer.name}”：密钥只显示这一次。`;
      });
    const revokeKey = (key: ApiKey) => attempt(async () => (await send('DELETE', `api-keys/${key.id}`), `已吊销密钥“${key.name}”。`));

    return () => (
      <NSpace vertical size="large">
        {note.value ? <NAlert type={note.value.type} data-testid="admin-note">{note.value.text}</NAlert> : null}
        <NCard title="新建账号" size="small">
          <NSpace align="center">
            <NInput placeholder="用户名（小写字母开头）" value={newUser.value.username} onUpdateValue={(v: string) => (newUser.value.username = v)} inputProps={{ id: 'new-username' }} />
            <NInput placeholder="姓名" value={newUser.value.displayName} onUpdateValue={(v: string) => (newUser.value.displayName = v)} inputProps={{ id: 'new-display-name' }} />
            <NCheckbox checked={newUser.value.totp} onUpdateChecked={(v: boolean) => (newUser.value.totp = v)}>
              同时生成动态口令
            </NCheckbox>
            <NButton type="primary" onClick={() => void createAccount()} data-testid="create-account">
              创建
            </NButton>
          </NSpace>
          {created.value ? (
            <NAlert type="warning" style={{ marginTop: '8px' }}>
              {created.value.username} 的初始密码：<code data-testid="created-password">{created.value.password}</code>
              {created.value.totpSecret ? (
                <span>
                  ；动态口令密钥：<code>{created.value.totpSecret}</code>
                </span>
              ) : null}
            </NAlert>
          ) : null}
        </NCard>
        <NCard title="授予 / 撤销角色" size="small">
          <NSpace align="center">
            <NSelect
              style={{ width: '180px' }}
              placeholder="账号"
              value={grant.value.accountId}
              options={accounts.value.map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))}
              onUpdateValue={(v: string) => (grant.value.accountId = v)}
              data-testid="grant-account"
            />
            <NSelect style={{ width: '200px' }} value={grant.value.role} options={ROLE_OPTIONS} onUpdateValue={(v: string) => (grant.value.role = v)} data-testid="grant-role" />
            <NInput style={{ width: '200px' }} placeholder="范围：samr/653100、police 或 653100" value={grant.value.scope} onUpdateValue={(v: string) => (grant.value.scope = v)} inputProps={{ id: 'grant-scope' }} />
            <NInput style={{ width: '240px' }} placeholder="理由（必填）" value={grant.value.reason} onUpdateValue={(v: string) => (grant.value.reason = v)} inputProps={{ id: 'grant-reason' }} />
            <NButton type="primary" disabled={!grant.value.accountId} onClick={() => void grantRole()} data-testid="grant">
              授予
            </NButton>
          </NSpace>
        </NCard>
        <NCard title="账号" size="small">
          <NTable size="small" data-testid="accounts">
            <thead>
              <tr>
                <th>用户名</th>
                <th>姓名</th>
                <th>动态口令</th>
                <th>角色（范围）</th>
              </tr>
            </thead>
            <tbody>
              {accounts.value.map((account) => (
                <tr key={account.id}>
                  <td>{account.username}</td>
                  <td>{account.displayName}</td>
                  <td>{account.totpEnrolled ? '已启用' : '未启用'}{account.locked ? '（已锁定）' : ''}</td>
                  <td>
                    <NSpace>
                      {account.roles.map((role) => (
                        <NTag key={`${role.role}/${role.scope}`} closable onClose={() => void revokeRole(account, role)} type={role.inLog ? 'info' : 'warning'}>
                          {roleName(role.role)}
                          {role.scope ? `（${role.scope.includes('/') ? unitName(role.scope) : role.scope}）` : ''}
                        </NTag>
                      ))}
                    </NSpace>
                  </td>
                </tr>
              ))}
            </tbody>
          </NTable>
        </NCard>
        <NCard title="部门系统密钥" size="small">
          <NSpace align="center" style={{ marginBottom: '8px' }}>
            <NInput placeholder="名称，如 喀什市场监管局监测系统" value={newKey.value.name} onUpdateValue={(v: string) => (newKey.value.name = v)} />
            <NInput placeholder="单位，如 samr/653100" value={newKey.value.unit} onUpdateValue={(v: string) => (newKey.value.unit = v)} />
            <NInputNumber style={{ width: '140px' }} min={1} max={400} value={newKey.value.days} onUpdateValue={(v: number | null) => (newKey.value.days = v ?? 90)}>
              {{ suffix: () => '天' }}
            </NInputNumber>
            <NButton type="primary" onClick={() => void createKey()}>
              创建密钥
            </NButton>
          </NSpace>
          {shownKey.value ? (
            <NAlert type="warning" style={{ marginBottom: '8px' }}>
              密钥（只显示这一次）：<code style={{ wordBreak: 'break-all' }}>{shownKey.value}</code>
            </NAlert>
          ) : null}
          <NTable size="small">
            <thead>
              <tr>
                <th>名称</th>
                <th>单位</th>
                <th>到期</th>
                <th>最近使用</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {keys.value.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>{key.unit ? unitName(key.unit) : key.kind}</td>
                  <td>{beijing(key.expiresAt)}</td>
                  <td>{beijing(key.lastUsedAt) || '从未'}</td>
                  <td>
                    {key.revokedAt ? (
                      `已吊销 ${beijing(key.revokedAt)}`
                    ) : (
                      <NButton size="tiny" onClick={() => void revokeKey(key)}>
                        吊销
                      </NButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </NTable>
        </NCard>
      </NSpace>
    );
  },
});
