// A stand-in hub service for the supervisor's int spec: dies before it is ready for its first
// FLAKY_FAIL_STARTS starts, and once after being ready when FLAKY_CRASH_ONCE_AFTER_READY is set.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const counterFile = process.env.FLAKY_COUNTER_FILE ?? '';
const starts = (existsSync(counterFile) ? Number(readFileSync(counterFile, 'utf8')) : 0) + 1;
writeFileSync(counterFile, String(starts));
const failStarts = Number(process.env.FLAKY_FAIL_STARTS ?? 0);

if (starts <= failStarts) {
  console.error(`flaky-service: start ${starts} fails on purpose`);
  process.exit(1);
}
process.send?.({ ready: true });
if (process.env.FLAKY_CRASH_ONCE_AFTER_READY && starts === failStarts + 1) process.exit(3);
const alive = setInterval(() => undefined, 60_000);
process.on('SIGTERM', () => {
  clearInterval(alive);
  process.exit(0);
});
