import { computed, defineComponent, onMounted, ref, watch } from 'vue';
import { RouterView, useRoute, useRouter } from 'vue-router';
import {
  dateZhCN,
  NBadge,
  NButton,
  NConfigProvider,
  NLayout,
  NLayoutContent,
  NLayoutHeader,
  NLayoutSider,
  NMenu,
  NMessageProvider,
  NSelect,
  NSpace,
  NSpin,
  NTag,
  useMessage,
  zhCN,
  type GlobalThemeOverrides,
} from 'naive-ui';
import { live, startLive, stopLive } from './live';
import { notifications, unwatchNotifications, watchNotifications } from './notifications';
import { LoginPage } from './pages/LoginPage';
import { PAGES } from './router';
import { SearchBox } from './search-box';
import { holds, isPerson, restore, selectCampaign, session, signOut } from './session';

const theme: GlobalThemeOverrides = { common: { primaryColor: '#b71c1c', primaryColorHover: '#d32f2f', primaryColorPressed: '#8e0000', primaryColorSuppl: '#d32f2f' } };

const ROLE_LABEL = { coordinator: '协调员', auditor: '审计员（只读）', unit: '报送单位', line: '条线主管', region: '地州联席会议', staff: '管理' } as const;

/** Whether the signed-in principal sees a page of this audience (the gateway enforces it; the menu follows). */
function sees(audience: string): boolean {
  const kind = session.me?.kind;
  if (audience === 'person') return isPerson();
  if (audience === 'admin') return holds('admin');
  if (kind === 'staff' || kind === undefined) return false;
  if (audience === 'unit') return kind === 'unit';
  if (audience === 'auditor') return kind === 'auditor';
  // The briefing is a joint meeting's: the autonomous region's, a prefecture's, and the auditors'.
  if (audience === 'meeting') return kind === 'coordinator' || kind === 'region' || kind === 'auditor';
  return audience === 'all' || kind !== 'unit';
}

const Shell = defineComponent({
  name: 'Shell',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const pages = computed(() => PAGES.filter((page) => sees(page.audience)));
    // A page the principal does not see (a staff member has no overview; the previous user's page) is not
    // rendered: the router moves on to the principal's first page.
    const allowed = computed(() => pages.value.some((page) => page.path === route.path));
    const leaveForbidden = async (): Promise<void> => {
      await router.isReady();
      const first = pages.value[0];
      if (first && !allowed.value) await router.replace(first.path);
    };
    onMounted(() => void leaveForbidden());
    watch(() => route.path, () => void leaveForbidden());
    const options = computed(() => pages.value.map((page) => ({ key: page.path, label: page.title })));
    const unseen = ref(0);
    watch(
      () => live.lastSeq,
      () => {
        if (route.path !== '/live') unseen.value += 1;
      },
    );
    watch(
      () => route.path,
      (path) => {
        if (path === '/live') unseen.value = 0;
      },
    );
    // More than one campaign file: the header chooses which campaign every page shows (选择专项行动).
    const campaigns = computed(() => (session.catalogue?.campaigns ?? []).map((c) => ({ value: c.id, label: c.name })));
    const message = useMessage();
    const chooseCampaign = (id: string): void => {
      selectCampaign(id).catch((failure: Error) => message.error(`切换专项行动失败：${failure.message}`));
    };
    return () => (
      <NLayout hasSider style={{ height: '100%' }}>
        <NLayoutSider bordered width={200} nativeScrollbar={false}>
          <div style={{ padding: '18px 16px 8px', fontWeight: 700, fontSize: '16px', color: '#b71c1c' }}>网剑行动</div>
          <div style={{ padding: '0 16px 12px', fontSize: '12px', color: '#666' }}>联席会议工作平台</div>
          <NMenu value={route.path} options={options.value} onUpdateValue={(key: string) => void router.push(key)} />
        </NLayoutSider>
        <NLayout>
          {/* One line at a laptop's 1,280 px: the title and the right-hand group keep their width, the search box gives way
              and a long name (a person with their unit) is cut with its whole text on hover. */}
          <NLayoutHeader bordered style={{ padding: '10px 20px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '16px' }}>
            <span style={{ fontSize: '17px', fontWeight: 600, whiteSpace: 'nowrap', flexShrink: 0 }} data-testid="page-title">
              {typeof route.meta['title'] === 'string' ? route.meta['title'] : ''}
            </span>
            {session.me?.kind === 'staff' ? null : (
              <div style={{ flex: '1 1 0', minWidth: '260px', display: 'flex', justifyContent: 'center' }}>
                <SearchBox />
              </div>
            )}
            <NSpace align="center" wrap={false} style={{ flexShrink: 0 }} data-testid="header-actions">
              {campaigns.value.length > 1 && session.me?.kind !== 'staff' ? (
                <NSelect
                  size="small"
                  style={{ width: '320px' }}
                  value={session.catalogue?.campaign.id}
                  options={campaigns.value}
                  onUpdateValue={chooseCampaign}
                  data-testid="campaign-select"
                />
              ) : null}
              {session.me?.kind === 'staff' ? null : (
                <NBadge value={unseen.value} max={99} show={unseen.value > 0}>
                  <NTag type={live.connected ? 'success' : 'warning'} size="small" data-testid="live-status">
                    {live.connected ? '实时连接' : '连接中…'}
                  </NTag>
                </NBadge>
              )}
              {session.me?.kind === 'unit' ? (
                <NBadge value={notifications.page?.unread ?? 0} max={99} show={(notifications.page?.unread ?? 0) > 0} data-testid="notifications-badge">
                  <NButton size="small" quaternary onClick={() => void router.push('/notifications')} data-testid="notifications-button" data-unread={notifications.page?.unread ?? 0}>
                    通知
                  </NButton>
                </NBadge>
              ) : null}
              <NTag size="small">{session.me ? ROLE_LABEL[session.me.kind] : ''}</NTag>
              <span
                data-testid="principal"
                title={session.me?.label}
                style={{ display: 'inline-block', maxWidth: '220px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'middle' }}
              >
                {session.me?.label}
              </span>
              <NButton size="small" quaternary onClick={() => { stopLive(); unwatchNotifications(); signOut(); }} data-testid="sign-out">
                退出
              </NButton>
            </NSpace>
          </NLayoutHeader>
          <NLayoutContent contentStyle={{ padding: '16px 20px' }} nativeScrollbar={false} style={{ height: 'calc(100% - 53px)' }}>
            {/* Keyed by campaign: switching campaigns re-opens the page, which loads the chosen campaign's data. */}
            {allowed.value ? <RouterView key={session.catalogue?.campaign.id ?? ''} /> : null}
          </NLayoutContent>
        </NLayout>
      </NLayout>
    );
  },
});

export const App = defineComponent({
  name: 'App',
  setup() {
    const loading = ref(true);
    onMounted(async () => {
      try {
        if ((await restore()) && session.me?.kind !== 'staff') startLive();
        if (session.me?.kind === 'unit') watchNotifications();
      } catch {
        signOut();
      } finally {
        loading.value = false;
      }
    });
    watch(
      () => session.me,
      (me, before) => {
        if (me && !before && me.kind !== 'staff') startLive();
        if (me && !before && me.kind === 'unit') watchNotifications();
      },
    );
    return () => (
      <NConfigProvider locale={zhCN} dateLocale={dateZhCN} themeOverrides={theme} style={{ height: '100%' }}>
        <NMessageProvider>{loading.value ? <NSpin style={{ marginTop: '20vh', width: '100%' }} /> : session.me ? <Shell /> : <LoginPage />}</NMessageProvider>
      </NConfigProvider>
    );
  },
});
