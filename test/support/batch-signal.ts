/**
 * Lets a test wait for "the next time X happens" without sleeping: each notify() resolves the promises
 * handed out by next() since the previous notify().
 */
export class Signal<T = void> {
  private waiters: ((value: T) => void)[] = [];
  count = 0;

  notify(value: T): void {
    this.count += 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(value);
  }

  next(): Promise<T> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
