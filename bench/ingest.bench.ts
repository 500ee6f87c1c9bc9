// `npm run bench:ingest`: end-to-end submission of 10,000-event batches through HTTP → gateway → NATS →
// department service (validate, version, hash, sign) → JetStream append. Prints events/s per round.
import './support/interruptible.js';
import { cpus, totalmem } from 'node:os';
import { leadReported, takedown } from '../test/support/events.js';
import { TestHub } from '../test/support/test-hub.js';

const BATCH = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const hub = await TestHub.start({ departments: ['samr'], maxBatch: BATCH });
try {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Realistic mix: half new leads (with entities), half takedown tallies, all distinct aggregates.
    const events = Array.from({ length: BATCH }, (_, i) => (i % 2 === 0 ? leadReported(`B${round}-${i}`) : takedown(`B${round}-${i}`)));
    const started = performance.now();
    const response = await hub.submit('samr', events, { unit: 'samr/653100' });
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 201 || response.body.results.length !== BATCH) throw new Error(`round ${round}: HTTP ${response.status}`);
    rates.push(BATCH / seconds);
    console.log(`round ${round + 1}: ${BATCH} events in ${seconds.toFixed(2)} s = ${Math.round(BATCH / seconds)} events/s`);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  console.log(`median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} events/s end to end (stream holds ${await hub.storedEvents()} events)`);
} finally {
  await hub.stop();
}
