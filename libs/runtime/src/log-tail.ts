/** Keeps the last `limit` characters of a child process's output, for error messages. */
export class LogTail {
  private text = '';

  constructor(private readonly limit = 8_000) {}

  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }

  /** The last `lines` lines (default 30). */
  tail(lines = 30): string {
    return this.text.slice(-this.limit).split('\n').slice(-lines - 1).join('\n').trimEnd();
  }
}

/** Splits a stream of chunks into complete lines. */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.onLine(line);
  }

  flush(): void {
    if (this.partial !== '') this.onLine(this.partial);
    this.partial = '';
  }
}
