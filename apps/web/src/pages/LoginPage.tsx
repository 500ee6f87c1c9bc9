import { defineComponent, ref } from 'vue';
import { NAlert, NButton, NCard, NCheckbox, NForm, NFormItem, NInput } from 'naive-ui';
import { signIn } from '../session';

/** Sign-in with a bearer token from .hub/credentials.json (coordinator, auditor, or a reporting unit). */
export const LoginPage = defineComponent({
  name: 'LoginPage',
  setup() {
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
          <p style={{ marginTop: 0, color: '#555' }}>请输入访问令牌。协调员可查看全部；报送单位查看本单位收件箱、报送数据和统计表；审计员只读。</p>
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
            <NButton type="primary" block style={{ marginTop: '16px' }} loading={busy.value} disabled={!token.value.trim()} onClick={() => void submit()} data-testid="sign-in">
              登录
            </NButton>
          </NForm>
        </NCard>
      </div>
    );
  },
});
