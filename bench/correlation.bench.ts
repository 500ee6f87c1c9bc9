// npm run bench:correlation — the correlation engine over 1M leads with realistic key overlap:
// leads from 13 departments × 15 regions, each naming 1–3 entities drawn from skewed pools (a few
// shops/phones/operators recur across many leads, most appear once or twice). Prints correlation
// throughput (events/s, findings) and cluster lookup latency (p50/p99). HUB_BENCH_LEADS overrides 1M.
import './support/interruptible.js';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import { CorrelationEngine, REPORTING_DEPARTMENTS, usccCheckChar } from '@hub/domain';

const LEADS = Number(process.env['HUB_BENCH_LEADS'] ?? 1_000_000);
const REGIONS = ['650000', '650100', '650200', '650400', '650500', '652300', '652700', '652800', '652900', '653000', '653100', '653200', '654000', '654200', '654300'];

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 20211208;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
/** Most values are seen once; a quarter recur, drawn from a pool with a skew (a few recur often). */
let fresh = 1_000_000_000;
const skewed = (size: number): number => (random() < 0.75 ? fresh++ : Math.floor(size * random() ** 2));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const usccOf = (n: number): string => {
  const first = `91${pick(['650102', '653101', '652301', '654002'])}${n.toString(36).toUpperCase().padStart(9, '0').replace(/[IOSVZ]/g, 'A')}`;
  return `${first}${usccCheckChar(first)}`;
};

function entities(): { kind: string; value: string }[] {
  const out: { kind: string; value: string }[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.4) out.push({ kind: 'shop_url', value: `https://shop${100000 + skewed(LEADS / 2)}.taobao.com/?spm=a1z10.1-c.0.0` });
    else if (r < 0.7) out.push({ kind: 'phone', value: `139${String(skewed(LEADS)).padStart(8, '0')}` });
    else out.push({ kind: 'uscc', value: usccOf(skewed(LEADS / 2)) });
  }
  return out;
}

const engine = new CorrelationEngine();
const members: string[] = [];
const bar = new cliProgress.SingleBar({ format: 'correlating {bar} {value}/{total} leads | {rate} leads/s' }, cliProgress.Presets.shades_classic);
bar.start(LEADS, 0, { rate: 0 });
let findings = 0;
let correlateMs = 0;
for (let i = 0; i < LEADS; i++) {
  const unit = `${pick(REPORTING_DEPARTMENTS)}/${pick(REGIONS)}`;
  const event = { type: 'lead.reported', source: unit, subject: `lead/L-${i}`, data: { entities: entities() } };
  const started = performance.now();
  findings += engine.ingest(event).findings.length;
  correlateMs += performance.now() - started;
  members.push(`${unit}/lead/L-${i}`);
  if (i % 10_000 === 0) bar.update(i, { rate: Math.round(i / (correlateMs / 1000) || 0) });
}
bar.update(LEADS, { rate: Math.round(LEADS / (correlateMs / 1000)) });
bar.stop();

const lookups: number[] = [];
for (let i = 0; i < 10_000; i++) {
  const member = members[Math.floor(random() * members.length)] ?? '';
  const started = performance.now();
  engine.clusterOf(member);
  lookups.push(performance.now() - started);
}
lookups.sort((a, b) => a - b);
const quantile = (q: number): string => `${((lookups[Math.floor(q * (lookups.length - 1))] ?? 0) * 1000).toFixed(1)} µs`;
const stats = engine.stats();
console.log(`leads correlated:        ${LEADS.toLocaleString('en')} in ${(correlateMs / 1000).toFixed(1)} s → ${Math.round(LEADS / (correlateMs / 1000)).toLocaleString('en')} events/s`);
console.log(`findings (joint events): ${findings.toLocaleString('en')} (${stats.publishedClusters.toLocaleString('en')} published clusters, ${stats.keys.toLocaleString('en')} distinct keys, ${engine.overCorrelating().length} over-correlating values)`);
console.log(`cluster lookup (clusterOf, 10k random leads): p50 ${quantile(0.5)}, p99 ${quantile(0.99)}, max ${quantile(1)}`);
console.log(`heap used: ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MiB`);
