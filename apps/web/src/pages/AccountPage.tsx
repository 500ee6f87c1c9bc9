import { defineComponent, ref } from 'vue';
import { NAlert, NButton, NCard, NForm, NFormItem, NInput, NSpace, NTag } from 'naive-ui';
import { send } from '../api';
import { session } from '../session';

const ROLE_NAMES: Record<string, string> = { clerk: '填报员', unit_head: '单位负责人', line_supervisor: '条线主管', region_coordinator: '地州联席会议', coordinator: '自治区联席会议办公室', auditor: '审计员', admin: '系统管理员' };

/** One's own account: roles held, change password, enrol a TOTP authenticator (otpauth URI and secret). */
export const AccountPage = defineComponent({
  name: 'AccountPage',
  setup() {
    const current = ref('');
    const next = ref('');
    const passwordNote = ref<{ type: 'success' | 'error'; text: string } | null>(null);
    const enrolment = ref<{ secret: string; otpauthUri: string } | null>(null);
    const code = ref('');
    const totpNote = ref<{ type: 'success' | 'error'; text: string } | null>(null);

    const changePassword = async (): Promise<void> => {
      try {
        await send('POST', 'account/password', { current: current.value, next: next.value });
        passwordNote.value = { type: 'success', text: '密码已修改，其他会话已退出。' };
        current.value = next.value = '';
      } catch (error) {
        passwordNote.value = { type: 'error', text: (error as Error).message };
      }
    };
    const beginTotp = async (): Promise<void> => {
      enrolment.value = await send<{ secret: string; otpauthUri: string }>('POST', 'account/totp');
      totpNote.value = null;
    };
    const confirmTotp = async (): Promise<void> => {
      try {
        await send('POST', 'account/totp/confirm', { code: code.value });
        totpNote.value = { type: 'success', text: '动态口令已启用，下次登录时需要输入。' };
        enrolment.value = null;
      } catch (error) {
        totpNote.value = { type: 'error', text: (error as Error).message };
      }
    };

    return () => (
      <NSpace vertical size="large" style={{ maxWidth: '720px' }}>
        <NCard title="账号" size="small">
          <p data-testid="account-username">用户名：{session.me?.username}</p>
          <NSpace>
            {(session.me?.roles ?? []).map((r) => (
              <NTag key={`${r.role}/${r.scope}`} type="info">
                {ROLE_NAMES[r.role] ?? r.role}
                {r.scope ? `（${r.scope}）` : ''}
              </NTag>
            ))}
          </NSpace>
        </NCard>
        <NCard title="修改密码" size="small">
          <NForm>
            <NFormItem label="当前密码">
              <NInput type="password" value={current.value} onUpdateValue={(v: string) => (current.value = v)} inputProps={{ autocomplete: 'current-password' }} />
            </NFormItem>
            <NFormItem label="新密码（至少 12 位，含大写、小写、数字、符号中的三类）">
              <NInput type="password" value={next.value} onUpdateValue={(v: string) => (next.value = v)} inputProps={{ autocomplete: 'new-password' }} />
            </NFormItem>
            {passwordNote.value ? <NAlert type={passwordNote.value.type}>{passwordNote.value.text}</NAlert> : null}
            <NButton type="primary" style={{ marginTop: '8px' }} disabled={!current.value || !next.value} onClick={() => void changePassword()}>
              修改密码
            </NButton>
          </NForm>
        </NCard>
        <NCard title="动态口令（TOTP）" size="small">
          <p style={{ marginTop: 0, color: '#555' }}>协调员、条线主管、地州联席会议、审计员和管理员登录时必须输入动态口令。用身份验证器应用扫描或手工输入下面的密钥。</p>
          {enrolment.value ? (
            <NSpace vertical>
              <div>
                密钥：<code data-testid="totp-secret">{enrolment.value.secret}</code>
              </div>
              <div style={{ wordBreak: 'break-all', fontSize: '12px' }}>
                otpauth URI：<code data-testid="totp-uri">{enrolment.value.otpauthUri}</code>
              </div>
              <NInput value={code.value} onUpdateValue={(v: string) => (code.value = v)} placeholder="输入应用显示的 6 位数字以确认" maxlength={6} />
              <NButton type="primary" onClick={() => void confirmTotp()}>
                确认启用
              </NButton>
            </NSpace>
          ) : (
            <NButton onClick={() => void beginTotp()}>{'设置动态口令'}</NButton>
          )}
          {totpNote.value ? <NAlert type={totpNote.value.type} style={{ marginTop: '8px' }}>{totpNote.value.text}</NAlert> : null}
        </NCard>
      </NSpace>
    );
  },
});
