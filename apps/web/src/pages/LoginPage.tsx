import { defineComponent, onMounted, ref } from 'vue';
import type { SsoSettings } from '@hub/contracts';
import { api } from '../api';
import { NAlert, NButton, NCard, NCheckbox, NDivider, NForm, NFormItem, NInput } from 'naive-ui';
import { session, signIn, signInWithPassword } from '../session';

/** Sign-in for people (username, password, TOTP), and with a bearer key (departmental systems, scripts). */
export const LoginPage = defineComponent({
  name: 'LoginPage',
  setup() {
    const username = ref('');
    const password = ref('');
    const code = ref('');
    const personError = ref('');
    const signInPerson = async (): Promise<void> => {
      busy.value = true;
      personError.value = '';
      try {
        await signInWithPassword(username.value, password.value, code.value);
      } catch (failure) {
        personError.value = (failure as Error).message;
      } finally {
        busy.value = false;
      }
    };
    // Single sign-on through the ministry's identity provider, when the hub is configured for it.
    const sso = ref<SsoSettings>({ enabled: false });
    onMounted(() => {
      api<SsoSettings>('session/sso').then(
        (settings) => (sso.value = settings),
        () => undefined, // an older or unreachable gateway: the password form still works
      );
    });
    const token = ref('');
    const remember = ref(false);
    const error = ref('');
    const busy = ref(false);
    const submit = async (): Promise<void> => {
      busy.value = true;
      error.value = '';
      try {
        await signIn(token.value, remember.value);
      } catch (failure) {
        error.value = (failure as { status?: number }).status === 401 ? '令牌无效，请核对后重试。' : `登录失败：${(failure as Error).message}`;
      } finally {
        busy.value = false;
      }
    };
    return () => (
      <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '12vh' }}>
        <NCard title="网剑行动 · 联席会议工作平台" style={{ width: '440px' }}>
          {session.error ? (
            <NAlert type="warning" data-testid="session-ended" style={{ marginBottom: '12px' }}>
              {session.error}
            </NAlert>
          ) : null}
          <NForm onSubmit={(event: Event) => { event.preventDefault(); void signInPerson(); }}>
            <NFormItem label="用户名">
              <NInput value={username.value} onUpdateValue={(value: string) => (username.value = value)} inputProps={{ id: 'username-input', autocomplete: 'username' }} />
            </NFormItem>
            <NFormItem label="密码">
              <NInput value={password.value} onUpdateValue={(value: string) => (password.value = value)} type="password" showPasswordOn="click" inputProps={{ id: 'password-input', autocomplete: 'current-password' }} />
            </NFormItem>
            <NFormItem label="动态口令（协调员、审计员、管理员等必填）">
              <NInput
                value={code.value}
                onUpdateValue={(value: string) => (code.value = value)}
                placeholder="6 位数字"
                maxlength={6}
                inputProps={{ id: 'totp-input', autocomplete: 'one-time-code', inputmode: 'numeric' }}
                onKeyup={(event: KeyboardEvent) => { if (event.key === 'Enter') void signInPerson(); }}
              />
            </NFormItem>
            {personError.value ? <NAlert type="error" data-testid="sign-in-error">{personError.value}</NAlert> : null}
            <NButton type="primary" block style={{ marginTop: '12px' }} loading={busy.value} disabled={!username.value.trim() || !password.value} onClick={() => void signInPerson()} data-testid="sign-in-person">
              登录
            </NButton>
          </NForm>
          {sso.value.enabled && sso.value.start ? (
            <>
              <NDivider style={{ fontSize: '13px', color: '#888' }}>或</NDivider>
              <NButton block onClick={() => window.location.assign(sso.value.start ?? '/')} data-testid="sign-in-sso">
                {sso.value.label ?? '统一身份认证登录'}
              </NButton>
            </>
          ) : null}
          <NDivider style={{ fontSize: '13px', color: '#888' }}>或使用访问令牌（部门系统、脚本）</NDivider>
          <p style={{ marginTop: 0, color: '#555', fontSize: '13px' }}>协调员可查看全部；报送单位查看本单位收件箱、报送数据和统计表；审计员只读。</p>
          <NForm onSubmit={(event: Event) => { event.preventDefault(); void submit(); }}>
            <NFormItem label="访问令牌">
              <NInput
                value={token.value}
                onUpdateValue={(value: string) => (token.value = value)}
                type="password"
                showPasswordOn="click"
                placeholder="Bearer 令牌"
                inputProps={{ id: 'token-input', autocomplete: 'off' }}
                onKeyup={(event: KeyboardEvent) => { if (event.key === 'Enter') void submit(); }}
              />
            </NFormItem>
            <NCheckbox checked={remember.value} onUpdateChecked={(value: boolean) => (remember.value = value)}>
              在本机记住
            </NCheckbox>
            {error.value ? <NAlert type="error" style={{ marginTop: '12px' }}>{error.value}</NAlert> : null}
            <NButton block style={{ marginTop: '16px' }} loading={busy.value} disabled={!token.value.trim()} onClick={() => void submit()} data-testid="sign-in">
              使用令牌登录
            </NButton>
          </NForm>
        </NCard>
      </div>
    );
  },
});
