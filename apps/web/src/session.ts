import { reactive } from 'vue';
import type { Catalogue, Me, SignInAnswer } from '@hub/contracts';
import { api, ApiError, csrfStore, send, sessionEvents, tokenStore } from './api';

export const session = reactive<{ me: Me | null; catalogue: Catalogue | null; error: string }>({ me: null, catalogue: null, error: '' });

const CAMPAIGN_KEY = 'net-sword-campaign';

/**
 * The catalogue of the campaign chosen in the header (kept in this browser), or of the current campaign when
 * none was chosen or the chosen one is gone. Its `campaign` is what every campaign-keyed page asks for.
 */
async function loadCatalogue(): Promise<Catalogue> {
  const chosen = localStorage.getItem(CAMPAIGN_KEY);
  if (chosen) {
    try {
      return await api<Catalogue>('catalogue', { campaign: chosen });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 400)) throw error;
      localStorage.removeItem(CAMPAIGN_KEY);
    }
  }
  return api<Catalogue>('catalogue');
}

/** Switches the whole UI to another campaign (the header's selector): pages re-open with its data. */
export async function selectCampaign(id: string): Promise<void> {
  localStorage.setItem(CAMPAIGN_KEY, id);
  session.catalogue = await loadCatalogue();
}

/** `{campaign}` for the campaign-keyed API calls (annex, overview, briefing, readiness, cases, templates …). */
export const campaignParam = (): { campaign?: string } => (session.catalogue ? { campaign: session.catalogue.campaign.id } : {});

/** Signs in with a token: the gateway says whose it is (401 → wrong token). */
export async function signIn(token: string, remember: boolean): Promise<void> {
  tokenStore.set(token.trim(), remember);
  try {
    await restore();
  } catch (error) {
    tokenStore.clear();
    throw error;
  }
}

/** Signs a person in with username, password and (privileged roles) the TOTP code: the session is a cookie. */
export async function signInWithPassword(username: string, password: string, totp: string): Promise<void> {
  tokenStore.clear();
  const answer = await send<SignInAnswer>('POST', 'session', { username: username.trim(), password, ...(totp.trim() ? { totp: totp.trim() } : {}) });
  csrfStore.token = answer.csrfToken;
  session.catalogue = await loadCatalogue();
  session.me = answer.me;
  session.error = '';
}

/** Picks up a token kept in the browser, or a session cookie still alive (a reload); false when neither. */
export async function restore(): Promise<boolean> {
  let me: Me;
  try {
    me = await api<Me>('me');
  } catch (error) {
    if (!tokenStore.get() && error instanceof ApiError && error.status === 401) return false;
    throw error;
  }
  if (me.csrfToken) csrfStore.token = me.csrfToken;
  session.catalogue = await loadCatalogue();
  session.me = me;
  return true;
}

sessionEvents.ended = (): void => {
  csrfStore.token = '';
  session.me = null;
  session.error = '会话已超时或已在别处退出，请重新登录。';
};

export function signOut(): void {
  if (!tokenStore.get() && csrfStore.token) void send('DELETE', 'session').catch(() => undefined);
  tokenStore.clear();
  csrfStore.token = '';
  session.me = null;
}

/** A signed-in person (not a machine key), and whether they hold a role. */
export const isPerson = (): boolean => session.me?.actor?.startsWith('account:') === true;
export const holds = (role: string): boolean => session.me?.roles?.some((r) => r.role === role) === true;

export const isCoordinator = (): boolean => session.me?.kind === 'coordinator';
export const isUnit = (): boolean => session.me?.kind === 'unit';

// Labels from the catalogue (codes shown as they are when unknown).
// Exported for pages whose code lists have no named helper (the register's kinds and display states).
export const label = (list: keyof Omit<Catalogue, 'campaign' | 'campaigns'>, code: string | null | undefined): string => (code ? (session.catalogue?.[list][code] ?? code) : '');
export const departmentName = (code: string | null | undefined): string => (code === 'joint' ? '联席会议办公室' : label('departments', code));
export const regionName = (code: string | null | undefined): string => label('regions', code);
export const eventTypeName = (code: string | null | undefined): string => label('eventTypes', code);
export const categoryName = (code: string | null | undefined): string => label('categories', code);
export const caseKindName = (code: string | null | undefined): string => label('caseKinds', code);
export const referralStatusName = (code: string | null | undefined): string => label('referralStatuses', code);
/** A unit's official name from the catalogue (乌鲁木齐市公安局); region + department for a code it does not know. */
export function unitName(unit: string | null | undefined): string {
  if (!unit) return '';
  const official = session.catalogue?.units[unit];
  if (official) return official;
  const [department, region] = unit.split('/');
  return `${regionName(region)}${departmentName(department)}`;
}

/** "2021-10-08T01:30:00Z" → "2021-10-08 09:30" (Beijing time, as the campaign counts). */
export function beijing(iso: string | null | undefined, withTime = true): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  return withTime ? `${local.slice(0, 10)} ${local.slice(11, 16)}` : local.slice(0, 10);
}

export const yuan = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
