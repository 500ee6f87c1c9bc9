// `npm run hub -- audit <command> [options]`: the auditor's command line, straight against NATS (and
// PostgreSQL for the archive), independent of the gateway. See `npm run hub -- audit help`.
import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { parseAnnexScope, resolveCampaign, planReplay, resolveAnnexWindow, rotateKey, type AnnexPeriod, type ReplayQuery } from '@hub/domain';
import { EVENT_STREAM } from '@hub/event-store';
import { inboxPrefixFor, natsClientOptions, readNatsSecrets, readSecret, readServiceSecret, type Principal } from '@hub/runtime';
import { loadKeyRegistry } from './key-registry-file.js';
import { annexFromLog, statesFromLog, statesOfCampaign } from './log-projections.js';
import { traceAnnex } from './annex-trace.js';
import { isWholeLog, verifyLog, verifyPlan } from './log-verification.js';
import { reconcile } from './reconcile.js';
import { replayLog } from './replay.js';
import { verifyPackageFile } from './package-verification.js';
import type { ReaderConnection } from './range-read.js';

const USAGE = `usage: npm run hub -- audit <command> [options]

commands
  replay      print events as JSON Lines (stdout)
  verify      check hashes, signatures (key registry, rotation), chains and the archive; findings as JSON Lines;
              exits 1 when anything is found
  reconcile   re-append to the stream what the archive holds and the stream lost (admin rights); prints what it did
  annex       the annex computed from the log (--campaign, --scope, --from, --to, --as-of)
  trace       the events behind one annex cell (--row, plus the annex options)
  referrals   referral states of --campaign as of --as-of, folded from the log
  cases       case states of --campaign as of --as-of, folded from the log
  keys        check the key registry (format, rotation rule) and list each department's key windows
  rotate-key  --department D --public-key U… [--at <instant>]: close D's current key and open the new one
  verify-package FILE.zip
              offline: a unit's report package (GET /api/v1/reports/<unit>/package.zip) against --registry —
              every file's SHA-256, nothing missing or added, the filing's signature; exits 1 naming each bad file

filters (replay, verify)
  --subject lead/L-1  --aggregate-type case  --department samr  --region 653100  --type lead.closed
  --from-seq N  --to-seq N  --since <instant>  --until <instant>

connection
  --home .hub            where npm start keeps nats-secrets.json and keys/registry.json (HUB_HOME)
  --nats-url URL         default NATS_URL or nats://127.0.0.1:$HUB_NATS_PORT (4322)
  --database-url URL     default DATABASE_URL(_FILE) or npm start's (the gateway's read-only role)
  --registry FILE        key registry (default <home>/keys/registry.json; production: deploy/keys/registry.json)
  --no-archive           verify without comparing the PostgreSQL archive
  --workers N            signature worker threads (default: cores, at most 2)
  --no-progress          no progress bar (stderr)

campaign (annex, trace, referrals, cases)
  --campaign ID          a campaign file's id, e.g. net-sword-2021 (default: the current campaign; HUB_CAMPAIGN_DIRS adds files)`;

const OPTIONS = {
  home: { type: 'string' },
  'nats-url': { type: 'string' },
  'database-url': { type: 'string' },
  registry: { type: 'string' },
  'no-archive': { type: 'boolean' },
  workers: { type: 'string' },
  'no-progress': { type: 'boolean' },
  subject: { type: 'string' },
  'aggregate-type': { type: 'string' },
  department: { type: 'string' },
  region: { type: 'string' },
  type: { type: 'string' },
  'from-seq': { type: 'string' },
  'to-seq': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  scope: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'as-of': { type: 'string' },
  row: { type: 'string' },
  campaign: { type: 'string' },
  'public-key': { type: 'string' },
  at: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function replayQueryOf(values: Values): ReplayQuery {
  const query: ReplayQuery = {};
  if (values.subject) query.subject = values.subject;
  if (values['aggregate-type']) query.aggregateType = values['aggregate-type'];
  if (values.department) query.department = values.department;
  if (values.region) query.region = values.region;
  if (values.type) query.type = values.type;
  if (values['from-seq']) query.fromSeq = Number(values['from-seq']);
  if (values['to-seq']) query.toSeq = Number(values['to-seq']);
  if (values.since) query.since = values.since;
  if (values.until) query.until = values.until;
  return query;
}

function periodOf(values: Values): AnnexPeriod {
  return { ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}), ...(values['as-of'] ? { asOf: values['as-of'] } : {}) };
}

async function connectAs(values: Values, home: string, principal: Principal): Promise<NatsConnection> {
  const url = natsUrlOf(values);
  const secrets = await readNatsSecrets(join(home, 'nats-secrets.json')).catch(() => undefined);
  return connect({ servers: url, ...(secrets ? natsClientOptions(secrets, principal) : { name: `hub-cli-${principal}` }) });
}

const natsUrlOf = (values: Values): string => values['nats-url'] ?? process.env.NATS_URL ?? `nats://127.0.0.1:${process.env.HUB_NATS_PORT ?? 4322}`;

/** How verify's worker threads connect on their own, as `principal`. */
async function readerAs(values: Values, home: string, principal: Principal): Promise<ReaderConnection> {
  const secrets = await readNatsSecrets(join(home, 'nats-secrets.json')).catch(() => undefined);
  return { url: natsUrlOf(values), ...(secrets ? { seed: secrets.users[principal].seed, inboxPrefix: inboxPrefixFor(principal) } : {}) };
}

/** A progress bar on stderr for long passes (sequence read / stream end). */
function progress(enabled: boolean): { onProgress?: (seq: number, last: number) => void; stop: () => void } {
  if (!enabled) return { stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: '{bar} {percentage}% | seq {value}/{total} | {eta_formatted} left', etaBuffer: 50 }, Presets.shades_classic);
  let started = false;
  return {
    onProgress: (seq, last) => {
      if (!started) bar.start(last, 0);
      started = true;
      bar.update(seq);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

const out = (line: string): Promise<void> =>
  new Promise((resolve) => {
    if (process.stdout.write(line)) resolve();
    else process.stdout.once('drain', () => resolve());
  });

async function keys(command: 'keys' | 'rotate-key', file: string, values: Values): Promise<number> {
  const registry = await loadKeyRegistry(file);
  if (command === 'keys') {
    for (const key of registry.keys) console.log(`${key.department.padEnd(16)} ${key.publicKey}  ${key.validFrom} → ${key.validTo ?? 'current'}`);
    console.error(`${file}: ${registry.keys.length} key(s), rotation rule holds`);
    return 0;
  }
  if (!values.department || !values['public-key']) throw new Error('rotate-key needs --department and --public-key');
  const next = rotateKey(registry, values.department, values['public-key'], values.at ?? new Date().toISOString());
  await writeFile(file, `${JSON.stringify(next, null, 2)}\n`);
  console.error(`${file}: ${values.department} now signs with ${values['public-key']}`);
  return 0;
}

/** Offline: no NATS, no database; the zip and the key registry only. */
async function verifyPackageCommand(file: string | undefined, registryFile: string): Promise<number> {
  if (!file) {
    console.error('usage: npm run hub -- audit verify-package <package.zip> [--registry FILE]');
    return 2;
  }
  const problems = await verifyPackageFile(file, await loadKeyRegistry(registryFile));
  for (const problem of problems) console.log(`${problem.file}: ${problem.problem}: ${problem.message}`);
  if (problems.length > 0) {
    console.error(`${file}: ${problems.length} problem(s)`);
    return 1;
  }
  console.error(`${file}: verified (every file as listed, the filing signed by its department)`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command] = positionals;
  if (!command || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const home = values.home ?? process.env.HUB_HOME ?? '.hub';
  // npm start's database: the gateway's read-only role (.hub/secrets/gateway/database-url); empty when neither exists.
  const databaseUrl = values['database-url'] ?? readSecret('DATABASE_URL') ?? (await readServiceSecret(home, 'gateway', 'database-url')) ?? '';
  const registryFile = values.registry ?? join(home, 'keys', 'registry.json');
  const workers = values.workers ? Number(values.workers) : Math.min(2, availableParallelism());
  // The projector's checkpoint name (HUB_PROJECTOR_CONSUMER, as the projector reads it): how far the archive is filled.
  const projectorName = process.env.HUB_PROJECTOR_CONSUMER ?? 'projector';
  if (command === 'keys' || command === 'rotate-key') return keys(command, registryFile, values);
  if (command === 'verify-package') return verifyPackageCommand(positionals[1], registryFile);
  const bar = progress(values['no-progress'] !== true && process.stderr.isTTY === true);
  const nc = await connectAs(values, home, command === 'reconcile' ? 'admin' : 'auditor');
  const js = jetstream(nc, { timeout: 60_000 });
  const source = { js, stream: EVENT_STREAM, ...(bar.onProgress ? { onProgress: bar.onProgress } : {}) };
  try {
    switch (command) {
      case 'replay': {
        const plan = planReplay(replayQueryOf(values));
        const sent = await replayLog(js, { stream: EVENT_STREAM, plan, ...(bar.onProgress ? { onProgress: bar.onProgress } : {}) }, out);
        bar.stop();
        console.error(`${sent} event(s)`);
        return 0;
      }
      case 'verify': {
        const plan = verifyPlan(replayQueryOf(values));
        const registry = await loadKeyRegistry(registryFile);
        const withArchive = values['no-archive'] !== true && isWholeLog(plan);
        const started = performance.now();
        const summary = await verifyLog({
          js,
          stream: EVENT_STREAM,
          plan,
          registry,
          workers,
          reader: await readerAs(values, home, 'auditor'),
          ...(withArchive ? { databaseUrl, projectorName } : {}),
          onFinding: (found) => void out(`${JSON.stringify(found)}\n`),
          ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
        });
        bar.stop();
        console.error(JSON.stringify({ ...summary, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }));
        if (!summary.ok) console.error(`${summary.findings} finding(s): ${Object.entries(summary.byCode).map(([code, n]) => `${code} ${n}`).join(', ')}`);
        return summary.ok ? 0 : 1;
      }
      case 'reconcile': {
        const registry = await loadKeyRegistry(registryFile);
        const report = await reconcile({ nc, stream: EVENT_STREAM, databaseUrl, projectorName, registry, workers, ...(bar.onProgress ? { onProgress: bar.onProgress } : {}) });
        bar.stop();
        console.log(JSON.stringify(report, null, 2));
        console.error(`re-appended ${report.appended.length}, could not re-append ${report.skipped.length}`);
        return report.skipped.length === 0 ? 0 : 1;
      }
      case 'annex': {
        const campaign = resolveCampaign(values.campaign);
        const scope = parseAnnexScope(values.scope ?? 'all', campaign.regionTableYear);
        const report = await annexFromLog(source, campaign, scope, periodOf(values));
        bar.stop();
        console.log(JSON.stringify(report, null, 2));
        return 0;
      }
      case 'trace': {
        const campaign = resolveCampaign(values.campaign);
        const scope = parseAnnexScope(values.scope ?? 'all', campaign.regionTableYear);
        // Without --row nothing is traced: the row is null and the list empty, as before.
        const row = values.row ?? '';
        const { report, eventsOf } = await traceAnnex(source, campaign, scope, periodOf(values), row);
        bar.stop();
        const items = eventsOf.get(row) ?? [];
        console.log(JSON.stringify({ row: report.rows.find((r) => r.id === row) ?? null, total: items.length, items }, null, 2));
        return 0;
      }
      case 'referrals':
      case 'cases': {
        const campaign = resolveCampaign(values.campaign);
        const asOf = values['as-of'] ? resolveAnnexWindow(campaign, { asOf: values['as-of'] }).asOf : undefined;
        const states = statesOfCampaign(await statesFromLog(source, asOf === undefined ? Infinity : Date.parse(asOf)), campaign);
        bar.stop();
        for (const state of command === 'referrals' ? states.referrals : states.cases) await out(`${JSON.stringify(state)}\n`);
        return 0;
      }
      default:
        console.error(`unknown command ${command}\n\n${USAGE}`);
        return 2;
    }
  } finally {
    bar.stop();
    await nc.drain().catch(() => undefined);
  }
}
