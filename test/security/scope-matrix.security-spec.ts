// Issue 13 §6: every route of the OpenAPI document × every role, signed in as a person. Each answers as
// the policy below says — allowed, scoped (nothing outside the caller's scope in the answer), or 403 —
// and a route added without a policy entry fails this suite. Every cookie-authenticated write refuses a
// request without the session's CSRF token, for every role.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { base32Decode } from '@hub/domain';
import { totp } from '../../apps/gateway/src/people/totp.js';
import { coversUnit, type Scope } from '../../apps/gateway/src/auth/scope.js';
import { caseOpened, event, leadReported } from '../support/events.js';
import { TestHub } from '../support/test-hub.js';
import { waitUntil } from '../faults/support/processes.js';

type Json = Record<string, unknown>;
type RoleName = 'clerk' | 'unit_head' | 'line_supervisor' | 'region_coordinator' | 'coordinator' | 'auditor' | 'admin';
const ROLES: readonly RoleName[] = ['clerk', 'unit_head', 'line_supervisor', 'region_coordinator', 'coordinator', 'auditor', 'admin'];

/** What each role's person may read (admin: nothing). */
const SCOPES: Record<RoleName, Scope | undefined> = {
  clerk: { level: 'unit', unit: 'samr/653100', department: 'samr', region: '653100' },
  unit_head: { level: 'unit', unit: 'samr/653100', department: 'samr', region: '653100' },
  line_supervisor: { level: 'line', department: 'police' },
  region_coordinator: { level: 'region', region: '653100' },
  coordinator: { level: 'all' },
  auditor: { level: 'all' },
  admin: undefined,
};
const GRANTS: Record<RoleName, string> = {
  clerk: 'samr/653100',
  unit_head: 'samr/653100',
  line_supervisor: 'police',
  region_coordinator: '653100',
  coordinator: '',
  auditor: '',
  admin: '',
};

/**
 * `ok`: 2xx. `input`: allowed, and the deliberately empty request is refused on its input (400/404/409),
 * never 401/403 — writes are exercised without storing anything. `scoped`: 2xx, and the answer's check
 * finds nothing outside the role's scope (and something inside it, so the check cannot pass vacuously).
 */
type Expect = 'ok' | 'input' | 'scoped' | 403;
const only = (allowed: Partial<Record<RoleName, Expect>>): Record<RoleName, Expect> =>
  Object.fromEntries(ROLES.map((role) => [role, allowed[role] ?? 403])) as Record<RoleName, Expect>;
const dataRoles = (unit: Expect, line: Expect, region: Expect, all: Expect): Record<RoleName, Expect> =>
  only({ clerk: unit, unit_head: unit, line_supervisor: line, region_coordinator: region, coordinator: all, auditor: all });
const everyone = (expect: Expect): Record<RoleName, Expect> => Object.fromEntries(ROLES.map((role) => [role, expect])) as Record<RoleName, Expect>;
const SCOPED = dataRoles('scoped', 'scoped', 'scoped', 'scoped');
const AUDITOR_READ = only({ auditor: 'ok' });

/** Every operation of the document, keyed `METHOD /path` as the document spells it. */
const POLICY: Record<string, Record<RoleName, Expect>> = {
  'GET /api/v1/me': everyone('ok'),
  'GET /api/v1/catalogue': everyone('ok'),
  'DELETE /api/v1/session': everyone('ok'),
  'GET /api/v1/overview': SCOPED,
  'GET /api/v1/cases': SCOPED,
  'GET /api/v1/readiness': SCOPED,
  'POST /api/v1/readiness/return': only({ line_supervisor: 'input', region_coordinator: 'input' }),
  'GET /api/v1/referrals': dataRoles(403, 'scoped', 'scoped', 'scoped'),
  'GET /api/v1/referrals/inbox': only({ clerk: 'ok', unit_head: 'ok' }),
  // A unit sees the clusters its own records are in (issue 15 §3); other units' members per their sharing level.
  'GET /api/v1/clusters': SCOPED,
  'GET /api/v1/clusters/over-correlating': only({ coordinator: 'ok' }),
  'GET /api/v1/clusters/{id}': SCOPED,
  // Entity search (issue 15 §2): every data role, an empty query refused on its input; a unit requests assistance.
  'GET /api/v1/entities/search': dataRoles('input', 'input', 'input', 'input'),
  'POST /api/v1/entities/request': only({ clerk: 'input', unit_head: 'input' }),
  'POST /api/v1/clusters/{id}/link': only({ region_coordinator: 'input', coordinator: 'input' }),
  'POST /api/v1/clusters/{id}/unlink': only({ region_coordinator: 'input', coordinator: 'input' }),
  // A line reads its roll-up (line:<dept>) by default, a prefecture its region's.
  'GET /api/v1/annex': SCOPED,
  'GET /api/v1/annex/trace': SCOPED,
  'GET /api/v1/briefing': dataRoles(403, 403, 'scoped', 'scoped'),
  'GET /api/v1/timeline': dataRoles('input', 'input', 'input', 'input'),
  'GET /api/v1/live': dataRoles('ok', 'ok', 'ok', 'ok'),
  // 我的记录 is a unit's own list; everyone else is told UNITS_ONLY (403).
  'GET /api/v1/records': only({ clerk: 'ok', unit_head: 'ok' }),
  // The register: a unit and a prefecture read their own region's (scoping is checked in operators.e2e), the
  // line supervisor, coordinator and auditor every region's; an admin account reads no facts.
  'GET /api/v1/operators': dataRoles('ok', 'ok', 'ok', 'ok'),
  'GET /api/v1/operators/counts': dataRoles('ok', 'ok', 'ok', 'ok'),
  'GET /api/v1/operators/changes': dataRoles('ok', 'ok', 'ok', 'ok'),
  // 双随机: a unit commits a draw (an empty body is refused on its input); every data role lists, reads and verifies
  // within its scope (scoping is checked in draws.e2e); the publication (公示) masks names.
  'POST /api/v1/draws': only({ clerk: 'input', unit_head: 'input' }),
  // 行政指导/约谈, 抽检 and 7×24 closure requests: every data role lists within its scope (scoping is checked in
  // actions.e2e); an admin account reads no facts.
  'GET /api/v1/guidance': dataRoles('ok', 'ok', 'ok', 'ok'),
  'GET /api/v1/samplings': dataRoles('ok', 'ok', 'ok', 'ok'),
  'GET /api/v1/closures': dataRoles('ok', 'ok', 'ok', 'ok'),
  'GET /api/v1/transfers': dataRoles('ok', 'ok', 'ok', 'ok'),
  // 通知: a unit's hit alerts (read marks per person, verdicts as the unit's events); the joint meeting reads the
  // verdicts (a line or prefecture only its own units'). An unknown alert id is NOT_FOUND, an empty verdict 400.
  'GET /api/v1/notifications': only({ clerk: 'ok', unit_head: 'ok' }),
  'POST /api/v1/notifications/{id}/read': only({ clerk: 'input', unit_head: 'input' }),
  'POST /api/v1/notifications/{id}/feedback': only({ clerk: 'input', unit_head: 'input' }),
  'GET /api/v1/hits/feedback': dataRoles(403, 'ok', 'ok', 'ok'),
  'GET /api/v1/draws': dataRoles('ok', 'ok', 'ok', 'ok'),
  'GET /api/v1/draws/publication': dataRoles('ok', 'ok', 'ok', 'ok'),
  // The spot-check items of a campaign's draw lists (the 双随机抽查 form's choices): campaign data every data role reads.
  'GET /api/v1/draws/items': dataRoles('ok', 'ok', 'ok', 'ok'),
  'GET /api/v1/draws/{id}': dataRoles('input', 'input', 'input', 'input'),
  'GET /api/v1/draws/{id}/verify': dataRoles('input', 'input', 'input', 'input'),
  'POST /api/v1/departments/{dept}/events': only({ clerk: 'input', unit_head: 'input' }),
  'GET /api/v1/templates/{file}': dataRoles('ok', 'ok', 'ok', 'ok'),
  'POST /api/v1/uploads': only({ clerk: 'input', unit_head: 'input' }),
  'GET /api/v1/uploads/{id}': only({ clerk: 'input', unit_head: 'input' }),
  'POST /api/v1/uploads/{id}/commit': only({ clerk: 'input', unit_head: 'input' }),
  // Attachments: a unit attaches to its own records (an empty request is refused on its input); every data role
  // lists and downloads within its scope (scoping is checked in report-package.e2e); the same for filing packages.
  'POST /api/v1/attachments': only({ clerk: 'input', unit_head: 'input' }),
  'GET /api/v1/attachments': dataRoles('input', 'input', 'input', 'input'),
  'GET /api/v1/attachments/{sha256}': dataRoles('input', 'input', 'input', 'input'),
  'POST /api/v1/reports/file': only({ clerk: 'input', unit_head: 'input' }),
  'GET /api/v1/reports/{department}/{region}/package.zip': dataRoles('input', 'input', 'input', 'input'),
  'GET /api/v1/audit/proof': only({ auditor: 'input' }),
  'GET /api/v1/audit/events': AUDITOR_READ,
  'POST /api/v1/audit/verify': AUDITOR_READ,
  'POST /api/v1/audit/verify/stream': AUDITOR_READ,
  'GET /api/v1/audit/keys': AUDITOR_READ,
  'GET /api/v1/audit/annex': AUDITOR_READ,
  'GET /api/v1/audit/trace': AUDITOR_READ,
  'GET /api/v1/audit/referrals': AUDITOR_READ,
  'GET /api/v1/audit/cases': AUDITOR_READ,
  'GET /api/v1/audit/access': AUDITOR_READ,
  'GET /api/v1/accounts': only({ admin: 'ok' }),
  'POST /api/v1/accounts': only({ admin: 'input' }),
  'POST /api/v1/accounts/{id}/roles': only({ admin: 'input' }),
  'POST /api/v1/accounts/{id}/roles/revoke': only({ admin: 'input' }),
  'GET /api/v1/api-keys': only({ admin: 'ok' }),
  'POST /api/v1/api-keys': only({ admin: 'input' }),
  'DELETE /api/v1/api-keys/{id}': only({ admin: 'input' }),
  // Auditors change nothing, not even their own account through the API.
  'POST /api/v1/account/password': { ...everyone('input'), auditor: 403 },
  'POST /api/v1/account/totp/confirm': { ...everyone('input'), auditor: 403 },
  // Starts an enrolment (a pending secret, nothing in force until confirmed): harmless to call for real.
  'POST /api/v1/account/totp': { ...everyone('ok'), auditor: 403 },
};

/** A browser-like person: the session cookie, and the CSRF token on writes unless told not to. */
class Person {
  cookie = '';
  csrf = '';

  constructor(private readonly hub: TestHub) {}

  async signIn(username: string, password: string, secret?: string): Promise<number> {
    const response = await fetch(`${this.hub.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, ...(secret ? { totp: totp(base32Decode(secret), new Date()) } : {}) }),
    });
    const body = (await response.json()) as Json;
    if (response.status === 200) {
      this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      this.csrf = String(body['csrfToken']);
    }
    return response.status;
  }

  async call(method: string, path: string, body?: unknown, { csrf = true } = {}): Promise<{ status: number; body: unknown; text: string }> {
    const abort = new AbortController();
    const response = await fetch(`${this.hub.url}${path}`, {
      method,
      signal: abort.signal,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // The live feed never ends: its status and headers are the answer.
    if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      abort.abort();
      return { status: response.status, body: undefined, text: '' };
    }
    const buffer = Buffer.from(await response.arrayBuffer());
    const text = (response.headers.get('content-type') ?? '').includes('json') ? buffer.toString('utf8') : '';
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined; // JSON Lines (audit replay)
    }
    return { status: response.status, body: parsed, text };
  }
}

const unitOf = (value: unknown): string => String(value);
const itemsOf = (body: unknown): Json[] => ((body as { items?: Json[] } | undefined)?.items ?? []);

/**
 * The scoped answers' own checks: the units each item is about, of which at least one must be in scope
 * (a referral is the scope's when either side is). Returns the items that are not, and how many were looked at.
 */
const CHECKS: Record<string, (body: unknown, scope: Scope) => { outside: unknown[]; seen: number }> = {
  'GET /api/v1/overview': (body, scope) => {
    const cells = (body as { activity: { department: string; region: string }[] }).activity;
    return { outside: cells.filter((c) => !coversUnit(scope, `${c.department}/${c.region}`)), seen: cells.length };
  },
  'GET /api/v1/cases': (body, scope) => ({ outside: itemsOf(body).filter((c) => !coversUnit(scope, unitOf(c['unit']))), seen: itemsOf(body).length }),
  'GET /api/v1/readiness': (body, scope) => ({ outside: itemsOf(body).filter((c) => !coversUnit(scope, unitOf(c['unit']))), seen: itemsOf(body).length }),
  'GET /api/v1/referrals': (body, scope) => ({
    outside: itemsOf(body).filter((r) => !coversUnit(scope, unitOf(r['fromUnit'])) && !coversUnit(scope, unitOf(r['toUnit']))),
    seen: itemsOf(body).length,
  }),
  'GET /api/v1/clusters': (body, scope) => ({
    outside: itemsOf(body).filter((c) => !(c['departments'] as string[]).some((d) => (c['regions'] as string[]).some((r) => coversUnit(scope, `${d}/${r}`)))),
    seen: itemsOf(body).length,
  }),
  'GET /api/v1/clusters/{id}': (body, scope) => {
    const members = (body as { members: Json[] }).members;
    // A unit sees every member of its cluster, each per its sharing level (the sharing e2e checks the levels);
    // one of them must be its own. Lines and prefectures see only their own units' members.
    const own = members.filter((m) => coversUnit(scope, unitOf(m['unit'])));
    if (scope.level === 'unit') return { outside: own.length > 0 ? [] : members, seen: members.length };
    return { outside: members.filter((m) => !coversUnit(scope, unitOf(m['unit']))), seen: members.length };
  },
  'GET /api/v1/annex': (body, scope) => {
    const answered = (body as { scope: string }).scope;
    const expected = scope.level === 'unit' ? `unit:${scope.unit}` : scope.level === 'region' ? `region:${scope.region}` : scope.level === 'line' ? `line:${scope.department}` : 'all';
    return { outside: answered === expected ? [] : [answered], seen: 1 };
  },
  'GET /api/v1/annex/trace': (body) => ({ outside: [], seen: (body as { rows?: unknown[] }).rows?.length ?? 1 }),
  'GET /api/v1/briefing': (body, scope) => {
    const cases = (body as { typicalCases: Json[] }).typicalCases;
    return { outside: cases.filter((c) => !coversUnit(scope, unitOf(c['unit']))), seen: 1 };
  },
};

describe('scope matrix: every route × every role (issue 13 §6)', () => {
  let hub: TestHub;
  let clusterId = '';
  const people = new Map<RoleName, Person>();

  beforeAll(async () => {
    hub = await TestHub.start({ departments: ['samr', 'police'], projector: true, coordination: true, people: true });
    // Two departments × two prefectures; one cluster spans both (a shared USCC), two referrals cross them.
    const uscc = { entities: [{ kind: 'uscc', value: '91110000600037341L' }] };
    const shared = (id: string) => leadReported(id, { data: { category: 'counterfeit', channel: 'monitoring', platform: 'taobao', summary: '网店销售假冒运动鞋', ...uscc } });
    const submit = async (unit: string, events: unknown[]) => expect((await hub.submit(unit.split('/')[0] ?? '', events, { unit })).status).toBe(201);
    await submit('samr/653100', [
      shared('L-S1'),
      event('lead.referred', 'lead/L-S1', { referralId: 'R-1', toDepartment: 'police', toRegion: '654000', reason: '涉嫌犯罪，移送公安' }),
      caseOpened('C-S1'),
      event('report.submitted', 'report/net-sword-2021', { campaign: 'net-sword-2021', summary: '喀什地区市场监管局工作总结' }),
    ]);
    await submit('police/653100', [shared('L-P1'), caseOpened('C-P1'), event('report.submitted', 'report/net-sword-2021', { campaign: 'net-sword-2021', summary: '喀什地区公安局工作总结' })]);
    await submit('police/654000', [shared('L-P2'), caseOpened('C-P2')]);
    await submit('samr/654000', [
      leadReported('L-S2', { data: { category: 'counterfeit', channel: 'monitoring', platform: 'jd', summary: '另一家网店', entities: [] } }),
      event('lead.referred', 'lead/L-S2', { referralId: 'R-2', toDepartment: 'samr', toRegion: '650100', reason: '属地管辖' }),
      caseOpened('C-S2'),
    ]);
    await hub.coordinated();

    const admin = new Person(hub);
    expect(await admin.signIn('admin', hub.credentials.admin.password, hub.credentials.admin.totpSecret)).toBe(200);
    people.set('admin', admin);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const created = await admin.call('POST', '/api/v1/accounts', { username: `matrix-${role.replace('_', '-')}`, displayName: role, totp: true });
      expect(created.status).toBe(201);
      const account = created.body as { id: string; username: string; password: string; totpSecret: string };
      expect((await admin.call('POST', `/api/v1/accounts/${account.id}/roles`, { role, ...(GRANTS[role] ? { scope: GRANTS[role] } : {}), reason: '权限矩阵测试' })).status).toBe(201);
      const person = new Person(hub);
      expect(await person.signIn(account.username, account.password, account.totpSecret)).toBe(200);
      people.set(role, person);
    }
    const clusters = (await (people.get('coordinator') as Person).call('GET', '/api/v1/clusters')).body;
    clusterId = (itemsOf(clusters)[0] as { clusterId?: string } | undefined)?.clusterId ?? '';
    expect(clusterId).not.toBe('');
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const operations = async (): Promise<{ method: string; path: string; key: string; public: boolean }[]> => {
    const doc = (await (await fetch(`${hub.url}/api/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, Json>> };
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}`, public: op['x-hub-public'] === true })),
    );
  };
  const concrete = (path: string): string =>
    path
      .replace('{dept}', 'samr')
      .replace('{file}', 'samr.xlsx')
      .replace('/clusters/{id}', `/clusters/${clusterId}`)
      .replace(/\{[^}]+\}/g, 'no-such-id');

  it('given the OpenAPI document, when listing its operations, then every one (but sign-in and health) has a policy here', async () => {
    const keys = (await operations()).filter((op) => !op.public && op.path.startsWith('/api/')).map((op) => op.key);
    expect(keys.filter((key) => POLICY[key] === undefined)).toEqual([]);
    expect(keys.length).toBeGreaterThan(30);
  });

  it.each(ROLES)('given a signed-in %s, when it calls any write without the CSRF token, then 403 and nothing changes', async (role) => {
    const person = people.get(role) as Person;
    const before = await hub.storedEvents();
    const answers: unknown[] = [];
    for (const op of (await operations()).filter((o) => !o.public && o.method !== 'GET')) {
      const answer = await person.call(op.method, concrete(op.path), {}, { csrf: false });
      if (answer.status !== 403 || !answer.text.includes('CSRF')) answers.push({ op: op.key, status: answer.status, body: answer.text.slice(0, 160) });
    }
    expect(answers).toEqual([]);
    expect(await hub.storedEvents()).toBe(before);
    expect((await person.call('GET', '/api/v1/me')).status).toBe(200);
  });

  it('given a prefecture and a line, when they name data outside their scope, then 403 naming the field, never an empty answer', async () => {
    const region = people.get('region_coordinator') as Person;
    const line = people.get('line_supervisor') as Person;
    const refused = async (person: Person, path: string, body?: unknown): Promise<number> => (await person.call(body === undefined ? 'GET' : 'POST', path, body)).status;
    expect(await refused(region, '/api/v1/annex?scope=region:654000')).toBe(403);
    expect(await refused(region, '/api/v1/annex?scope=all')).toBe(403);
    expect(await refused(region, '/api/v1/referrals?region=654000')).toBe(403);
    expect(await refused(region, '/api/v1/cases?unit=samr/654000')).toBe(403);
    expect(await refused(region, '/api/v1/readiness?region=654000')).toBe(403);
    expect(await refused(region, '/api/v1/timeline?subject=lead/L-S2&unit=samr/654000')).toBe(403);
    expect(await refused(region, `/api/v1/clusters/${clusterId}/link`, { leadId: 'samr/654000/lead/L-S2', reason: '同一主体' })).toBe(403);
    expect(await refused(line, '/api/v1/annex?scope=unit:samr/653100')).toBe(403);
    expect(await refused(line, '/api/v1/annex?scope=line:samr')).toBe(403);
    expect(await refused(region, '/api/v1/annex?scope=line:police')).toBe(403);
    expect(await refused(region, '/api/v1/readiness/return', { unit: 'police/654000', reason: '不属于本地区' })).toBe(403);
    expect(await refused(line, '/api/v1/cases?department=samr')).toBe(403);
    expect(await refused(line, '/api/v1/readiness?department=samr')).toBe(403);
    expect(await refused(line, '/api/v1/readiness/return', { unit: 'samr/653100', reason: '不属于本条线' })).toBe(403);
    expect(await refused(line, `/api/v1/clusters/${clusterId}/unlink`, { leadId: 'police/653100/lead/L-P1', reason: '误关联' })).toBe(403);
    // Inside the scope the same questions are answered.
    expect(await refused(region, '/api/v1/timeline?subject=lead/L-P1&unit=police/653100')).toBe(200);
    expect(await refused(line, '/api/v1/annex?scope=unit:police/654000')).toBe(200);
    const detail = (await region.call('GET', `/api/v1/clusters/${clusterId}`)).body as { members: { unit: string }[] };
    expect(detail.members.map((m) => m.unit).sort()).toEqual(['police/653100', 'samr/653100']);
  });

  it('given a line supervisor, when it returns a filing with a reason, then report.returned carries who decided and readiness shows it until the unit re-files', async () => {
    const line = people.get('line_supervisor') as Person;
    expect((await line.call('POST', '/api/v1/readiness/return', { unit: 'police/654000', reason: '未报送' })).status).toBe(404);
    const returned = await line.call('POST', '/api/v1/readiness/return', { unit: 'police/653100', reason: '工作总结未附处罚决定书' });
    expect(returned.status).toBe(201);
    const me = (await line.call('GET', '/api/v1/me')).body as { actor: string };
    expect(returned.body).toMatchObject({ duplicate: false, event: { type: 'report.returned', data: { reportSubject: 'police/653100/report/net-sword-2021', filedVersion: 1, by: me.actor } } });
    // Right away, before the first is projected: the coordination service, not the read model, refuses it.
    expect((await line.call('POST', '/api/v1/readiness/return', { unit: 'police/653100', reason: '再次退回' })).status).toBe(409);
    await hub.projected();
    const readiness = (await line.call('GET', '/api/v1/readiness?region=653100')).body as { items: { unit: string; returned: unknown; complete: boolean }[] };
    expect(readiness.items.find((i) => i.unit === 'police/653100')).toMatchObject({ complete: false, returned: { reason: '工作总结未附处罚决定书', by: me.actor } });
    await hub.submit('police', [event('report.submitted', 'report/net-sword-2021', { campaign: 'net-sword-2021', summary: '补充后重新报送' })], { unit: 'police/653100' });
    await hub.projected();
    const after = (await line.call('GET', '/api/v1/readiness?region=653100')).body as { items: { unit: string; returned: unknown }[] };
    expect(after.items.find((i) => i.unit === 'police/653100')?.returned).toBeNull();
    // The prefecture's joint meeting (copied on every filing of its units) may return it too.
    const region = people.get('region_coordinator') as Person;
    const byRegion = await region.call('POST', '/api/v1/readiness/return', { unit: 'police/653100', reason: '未抄送联合执法材料' });
    expect(byRegion.status).toBe(201);
    expect(byRegion.body).toMatchObject({ event: { type: 'report.returned', data: { filedVersion: 2 } } });
    expect((await region.call('POST', '/api/v1/readiness/return', { unit: 'police/653100', reason: 'x', campaign: 'net-sword-1999' })).body).toMatchObject({ fields: [{ path: 'campaign' }] });
  });

  it('given signed-in people acting, when their events are stored, then each carries its actor inside the signed envelope, shown by the timeline, the referral board and the audit replay, and verify passes', async () => {
    const clerk = people.get('clerk') as Person;
    const coordinator = people.get('coordinator') as Person;
    const actorOf = async (person: Person): Promise<string> => ((await person.call('GET', '/api/v1/me')).body as { actor: string }).actor;
    const [clerkActor, coordinatorActor] = [await actorOf(clerk), await actorOf(coordinator)];
    const stored = await clerk.call('POST', '/api/v1/departments/samr/events', [
      leadReported('L-ACT', { data: { category: 'counterfeit', channel: 'monitoring', platform: 'taobao', summary: '无共同主体的线索', entities: [] } }),
      event('lead.referred', 'lead/L-ACT', { referralId: 'R-ACT', toDepartment: 'police', toRegion: '653100', reason: '移送公安' }),
    ]);
    expect(stored.status).toBe(201);
    await hub.coordinated();
    const linked = await coordinator.call('POST', `/api/v1/clusters/${clusterId}/link`, { leadId: 'samr/653100/lead/L-ACT', reason: '同一经营者' });
    expect(linked.status).toBe(201);
    await hub.coordinated();
    const timeline = (await clerk.call('GET', '/api/v1/timeline?subject=lead/L-ACT')).body as { items: { type: string; actor: string | null }[] };
    expect(timeline.items.find((i) => i.type === 'lead.reported')?.actor).toBe(clerkActor);
    expect(timeline.items.find((i) => i.type === 'cluster.linked')?.actor).toBe(coordinatorActor);
    const board = (await coordinator.call('GET', '/api/v1/referrals?fromRegion=653100&toDepartment=police&toRegion=653100')).body as { items: { referralId: string; sentBy: string | null }[] };
    expect(board.items.find((r) => r.referralId === 'R-ACT')?.sentBy).toBe(clerkActor);
    // The static tokens of departmental systems are attributed to their key.
    expect((await hub.submit('police', [leadReported('L-KEY')], { unit: 'police/653100' })).status).toBe(201);
    await hub.projected();
    const auditor = { authorization: `Bearer ${hub.credentials.auditor}` };
    const replay = await (await fetch(`${hub.url}/api/v1/audit/events?department=police`, { headers: auditor })).text();
    const byKey = replay.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { event: { subject: string; actor?: string } }).event).find((e) => e.subject === 'lead/L-KEY');
    expect(byKey?.actor).toBe('key:static-police-653100');
    const verify = (await (await fetch(`${hub.url}/api/v1/audit/verify`, { method: 'POST', headers: auditor })).json()) as { ok: boolean; items: unknown[] };
    expect(verify.items).toEqual([]);
    expect(verify.ok).toBe(true);
  });

  it('given requests, refusals and a failed sign-in, when the auditor reads the access log, then each is there with actor, role, scope, route, filters, status and bytes; others may not read it', async () => {
    const clerk = people.get('clerk') as Person;
    const auditor = people.get('auditor') as Person;
    const clerkActor = ((await clerk.call('GET', '/api/v1/me')).body as { actor: string }).actor;
    expect((await clerk.call('GET', '/api/v1/annex?scope=unit:samr/653100&format=csv')).status).toBe(200);
    expect((await clerk.call('GET', '/api/v1/referrals')).status).toBe(403);
    expect(await new Person(hub).signIn('matrix-clerk', 'Wrong-Password-99')).toBe(401);
    expect((await fetch(`${hub.url}/api/v1/cases`)).status).toBe(401);
    const lines = async (query: string): Promise<Json[]> => {
      const answer = await auditor.call('GET', `/api/v1/audit/access${query}`);
      expect(answer.status).toBe(200);
      return answer.text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Json);
    };
    // The log is written in the background (batched): wait for the state, not for time.
    await waitUntil('the access log has the clerk\'s 403', async () => (await lines(`?actor=${clerkActor}&status=403`)).length > 0, 10_000, 50);
    const mine = await lines(`?actor=${clerkActor}`);
    expect(mine.find((r) => r['route'] === '/api/v1/annex')).toMatchObject({ role: 'unit', scope: 'unit:samr/653100', status: 200, export: true, filters: { scope: 'unit:samr/653100', format: 'csv' }, bytes: expect.any(Number) as unknown });
    expect(mine.find((r) => r['route'] === '/api/v1/referrals')).toMatchObject({ status: 403 });
    await waitUntil('the failed sign-in is logged', async () => (await lines('?route=/api/v1/session&status=401')).some((r) => (r['signInFailed'] as Json | undefined)?.['username'] === 'matrix-clerk'), 10_000, 50);
    await waitUntil('the anonymous 401 is logged', async () => (await lines('?route=/api/v1/cases&status=401')).some((r) => r['actor'] === null), 10_000, 50);
    expect((await clerk.call('GET', '/api/v1/audit/access')).status).toBe(403);
    expect((await auditor.call('GET', '/api/v1/audit/access?status=abc')).status).toBe(400);
  });

  it.each(ROLES)('given a signed-in %s, when it calls every route, then each answers allowed, scoped or 403 as the policy says', async (role) => {
    const person = people.get(role) as Person;
    const mismatches: unknown[] = [];
    for (const op of await operations()) {
      const policy = POLICY[op.key];
      // Signing out is checked last, below: it would end the session the rest of the matrix rides on.
      if (op.public || policy === undefined || op.key === 'DELETE /api/v1/session') continue;
      const expected = policy[role];
      const answer = await person.call(op.method, concrete(op.path), op.method === 'GET' ? undefined : {});
      const ok = answer.status >= 200 && answer.status < 300;
      const matches =
        expected === 403 ? answer.status === 403 : expected === 'input' ? [400, 404, 409].includes(answer.status) : ok;
      if (!matches) mismatches.push({ op: op.key, expected, status: answer.status, body: answer.text.slice(0, 200) });
      if (matches && expected === 'scoped') {
        const scope = SCOPES[role] as Scope;
        const check = CHECKS[op.key];
        if (!check) throw new Error(`no scope check for ${op.key}`);
        const { outside, seen } = check(answer.body, scope);
        if (outside.length > 0 || seen === 0) mismatches.push({ op: op.key, scope, outside, seen });
      }
    }
    expect(mismatches).toEqual([]);
    expect((await person.call('DELETE', '/api/v1/session')).status).toBe(204);
    expect((await person.call('GET', '/api/v1/me')).status).toBe(401);
  });
});
