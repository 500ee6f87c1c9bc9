// `npm run projector:rebuild`: rebuilds every read model from sequence 1 into a fresh schema while the live
// projector keeps running, then swaps it in (see rebuild/rebuild.ts for how). Connection settings come
// from the same environment as the projector; without them it targets the local hub of `npm start`
// (NATS on HUB_NATS_PORT, PostgreSQL on HUB_PG_PORT, the projector's nkey from $HUB_HOME/nats-secrets.json).
import 'reflect-metadata';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { connectNats, EVENT_STREAM } from '@hub/event-store';
import { campaignContributions } from '@hub/persistence';
import { inboxPrefixFor, readNatsSecrets, readSecret, readServiceSecret } from '@hub/runtime';
import { rebuildReadModels, type RebuildProgress } from './rebuild/rebuild.js';

const env = process.env;
const home = env['HUB_HOME'] ?? '.hub';
const local = env['NATS_URL'] === undefined;
const secrets = local ? await readNatsSecrets(join(home, 'nats-secrets.json')) : undefined;
const seed = readSecret('HUB_NATS_SEED') ?? secrets?.users.projector.seed;
const inboxPrefix = env['HUB_INBOX_PREFIX'] ?? (local ? inboxPrefixFor('projector') : undefined);
// npm start's database: the projector's own role (.hub/secrets/projector/database-url).
const databaseUrl = readSecret('DATABASE_URL') ?? (await readServiceSecret(home, 'projector', 'database-url'));
if (!databaseUrl) throw new Error(`DATABASE_URL(_FILE) is required (or ${join(home, 'secrets', 'projector', 'database-url')} from npm start)`);

const nc = await connectNats({
  url: env['NATS_URL'] ?? `nats://127.0.0.1:${env['HUB_NATS_PORT'] ?? 4322}`,
  name: 'projector-rebuild',
  ...(seed ? { seed } : {}),
  ...(inboxPrefix ? { inboxPrefix } : {}),
});

const bar = new cliProgress.SingleBar(
  { format: 'rebuild {phase} |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}', etaBuffer: 50 },
  cliProgress.Presets.shades_classic,
);
const started = performance.now();
let begun = false;
const onProgress = (p: RebuildProgress): void => {
  const rate = Math.round(p.applied / Math.max(0.001, (performance.now() - started) / 1000));
  if (!begun) {
    bar.start(p.total, p.applied, { phase: p.phase, rate });
    begun = true;
  }
  bar.setTotal(p.total);
  bar.update(p.applied, { phase: p.phase.padEnd(8), rate });
};

try {
  const result = await rebuildReadModels({
    nc,
    databaseUrl,
    stream: env['HUB_STREAM'] ?? EVENT_STREAM,
    schema: env['HUB_READ_SCHEMA'] ?? 'projection',
    checkpoint: env['HUB_PROJECTOR_CONSUMER'] ?? 'projector',
    contributionsOf: campaignContributions(),
    onProgress,
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  console.log(`rebuilt schema ${result.schema}: ${result.events} events up to seq ${result.lastSeq} in ${seconds.toFixed(1)} s, swapped in`);
} catch (error) {
  bar.stop();
  console.error(`rebuild failed (the live read models are untouched): ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await nc.drain();
}
