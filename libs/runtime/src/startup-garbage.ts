// A service's start-up (module loading, Nest's container, its first reads of the stream) leaves garbage and a
// young generation grown to its full size behind: an idle department service held ~32 MiB of young generation and
// a few MiB of dead old-space objects resident for as long as it ran, ~30 MiB × 16 processes (issue 16: the hub
// ≤ 2 GiB RSS). V8's memory reducer only runs after a full GC, which an idle service never reaches on its own.

/** How long after ready the collection waits: V8 shrinks the young generation only when allocation has slowed. */
export const STARTUP_GC_DELAY_MS = 5_000;

/**
 * Once the service is ready, one full garbage collection a few seconds later, when start-up's allocation has
 * stopped (V8 then also shrinks the young generation back to its initial size; a service under load grows it
 * again as it needs). Needs `--expose-gc`, which the launcher and the manifests pass (`serviceNodeFlags`);
 * without it (a service started in-process by a test) nothing happens. The timer does not hold the process.
 */
export function collectStartupGarbage(delayMs = STARTUP_GC_DELAY_MS): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return;
  setTimeout(() => gc(), delayMs).unref();
}
