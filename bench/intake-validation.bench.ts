// npm run bench:intake-validation — CPU per event of the department's per-event domain work on the (c) workload,
// without NATS or the store: validateIntake (as the department calls it, with flags; and as the gateway does,
// without) over the bench's own events in 1,000-event chunks, and the shop-URL / domain normalisers alone.
// Prints CPU ns per event (process.cpuUsage: the fastest of BENCH_PASSES passes, default 7, after a warm-up).
import './support/interruptible.js';
import { normaliseDomain, normaliseMarketplaceUrl, validateIntake } from '@hub/domain';
import { BENCH_UNIT, benchSubmissions } from './support/payloads.js';

const CHUNK = 1_000;
const CHUNKS = Number(process.env['BENCH_CHUNKS'] ?? 20);
const PASSES = Number(process.env['BENCH_PASSES'] ?? 7);

const chunks = Array.from({ length: CHUNKS }, (_, c) => benchSubmissions(CHUNK, `v${c}`));
const shopUrls = chunks.flatMap((chunk) =>
  chunk.map((event) => ((event['data'] as { entities: { kind: string; value: string }[] }).entities[1]?.value ?? '')),
);
const domains = shopUrls.map((url, n) => (n % 2 === 0 ? `www.shop${n}.example.com` : url.replace('taobao.com', 'example.cn')));

/** Fastest pass by the process's CPU time, in ns per item: the least disturbed by whatever else runs on the machine. */
function measure(name: string, items: number, pass: () => void): void {
  pass();
  let best = Infinity;
  for (let p = 0; p < PASSES; p++) {
    const start = process.cpuUsage();
    pass();
    const spent = process.cpuUsage(start);
    best = Math.min(best, (spent.user + spent.system) / 1000);
  }
  console.log(`${name.padEnd(40)} ${((best * 1e6) / items).toFixed(0).padStart(7)} ns/event`);
}

let sink = 0;
measure('validateIntake (department, flags)', CHUNK * CHUNKS, () => {
  for (const chunk of chunks) {
    const result = validateIntake(chunk, BENCH_UNIT, { maxBatch: 5_000 });
    if (!result.ok) throw new Error(result.error.message);
    sink += result.items.length;
  }
});
measure('validateIntake (gateway, no flags)', CHUNK * CHUNKS, () => {
  for (const chunk of chunks) {
    const result = validateIntake(chunk, BENCH_UNIT, { maxBatch: 5_000, flags: false });
    if (!result.ok) throw new Error(result.error.message);
    sink += result.items.length;
  }
});
measure('normaliseMarketplaceUrl (shop_url)', shopUrls.length, () => {
  for (const url of shopUrls) if (normaliseMarketplaceUrl(url, 'shop').ok) sink++;
});
measure('normaliseDomain', domains.length, () => {
  for (const domain of domains) if (normaliseDomain(domain).ok) sink++;
});
if (sink === 0) console.log('nothing passed');
