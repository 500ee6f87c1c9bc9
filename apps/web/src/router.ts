import { createRouter, createWebHashHistory, type RouteComponent } from 'vue-router';

// Pages load on first visit, so sign-in does not wait for ECharts and every table.
const lazy = <K extends string>(load: () => Promise<Record<K, RouteComponent>>, name: K) => async (): Promise<RouteComponent> => (await load())[name];

/** Who sees which page (`meeting`: joint meetings' briefings): coordinators and auditors everything, lines and prefectures their part, a unit its own work (`unit`: its data entry); people their account; admins accounts and keys. */
export type Audience = 'all' | 'oversight' | 'meeting' | 'auditor' | 'unit' | 'person' | 'admin';

export const PAGES = [
  { path: '/overview', title: '总览', component: lazy(() => import('./pages/OverviewPage'), 'OverviewPage'), audience: 'all' },
  { path: '/referrals', title: '移送协查', component: lazy(() => import('./pages/ReferralsPage'), 'ReferralsPage'), audience: 'all' },
  { path: '/clusters', title: '关联线索组', component: lazy(() => import('./pages/ClustersPage'), 'ClustersPage'), audience: 'all' },
  { path: '/hit-feedback', title: '命中反馈', component: lazy(() => import('./pages/HitFeedbackPage'), 'HitFeedbackPage'), audience: 'oversight' },
  { path: '/notifications', title: '通知', component: lazy(() => import('./pages/NotificationsPage'), 'NotificationsPage'), audience: 'unit' },
  { path: '/cases', title: '案件与典型案例', component: lazy(() => import('./pages/CasesPage'), 'CasesPage'), audience: 'all' },
  { path: '/annex', title: '情况统计表', component: lazy(() => import('./pages/AnnexPage'), 'AnnexPage'), audience: 'all' },
  { path: '/readiness', title: '报送准备', component: lazy(() => import('./pages/ReadinessPage'), 'ReadinessPage'), audience: 'all' },
  { path: '/briefing', title: '联席会议通报', component: lazy(() => import('./pages/BriefingPage'), 'BriefingPage'), audience: 'meeting' },
  { path: '/operators', title: '经营者名录', component: lazy(() => import('./pages/OperatorsPage'), 'OperatorsPage'), audience: 'all' },
  { path: '/draws', title: '双随机抽查', component: lazy(() => import('./pages/DrawsPage'), 'DrawsPage'), audience: 'all' },
  { path: '/actions', title: '指导约谈与抽检', component: lazy(() => import('./pages/ActionsPage'), 'ActionsPage'), audience: 'all' },
  { path: '/closures', title: '7×24紧急关停', component: lazy(() => import('./pages/ClosuresPage'), 'ClosuresPage'), audience: 'all' },
  { path: '/transfers', title: '移送公安', component: lazy(() => import('./pages/TransfersPage'), 'TransfersPage'), audience: 'all' },
  { path: '/timeline', title: '事件时间线', component: lazy(() => import('./pages/TimelinePage'), 'TimelinePage'), audience: 'all' },
  { path: '/entry', title: '录入', component: lazy(() => import('./pages/EntryFormsPage'), 'EntryFormsPage'), audience: 'unit' },
  { path: '/records', title: '我的记录', component: lazy(() => import('./pages/RecordsPage'), 'RecordsPage'), audience: 'unit' },
  { path: '/upload', title: '数据上传', component: lazy(() => import('./pages/UploadPage'), 'UploadPage'), audience: 'unit' },
  { path: '/search', title: '要素查询', component: lazy(() => import('./pages/SearchPage'), 'SearchPage'), audience: 'all' },
  { path: '/live', title: '实时动态', component: lazy(() => import('./pages/LivePage'), 'LivePage'), audience: 'all' },
  { path: '/audit-verify', title: '日志核验', component: lazy(() => import('./pages/AuditVerifyPage'), 'AuditVerifyPage'), audience: 'auditor' },
  { path: '/access-log', title: '访问日志', component: lazy(() => import('./pages/AccessLogPage'), 'AccessLogPage'), audience: 'auditor' },
  { path: '/account', title: '我的账号', component: lazy(() => import('./pages/AccountPage'), 'AccountPage'), audience: 'person' },
  { path: '/admin', title: '账号与密钥管理', component: lazy(() => import('./pages/AdminPage'), 'AdminPage'), audience: 'admin' },
] as const;

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [{ path: '/', redirect: '/overview' }, ...PAGES.map((page) => ({ path: page.path, component: page.component, meta: { title: page.title } }))],
});
