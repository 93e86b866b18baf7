/** What a reader does with a line past its limit that goes on and on. */
export interface RunawayLine {
  /** Bytes of one oversized line skipped before giving up on the stream (without a RunawayLine: no limit). */
  readonly maxSkipBytes: number;
  /** Called once when they are exceeded; the reader then ignores everything pushed to it. */
  readonly onRunaway: () => void;
}

/**
 * Splits a byte stream into newline-terminated lines of at most `maxBytes`. A longer line is reported
 * once through `onOversize` and skipped up to its newline, so memory stays bounded whatever arrives. With
 * `runaway`, a line still going after `maxSkipBytes` more ends the reading: its sender is not owed the CPU.
 */
export class LineReader {
  private parts: Buffer[] = [];
  private length = 0;
  private discarding = false;
  private skipped = 0;
  private stopped = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOversize: () => void,
    private readonly runaway?: RunawayLine,
  ) {}

  push(chunk: Buffer): void {
    if (this.stopped) return;
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (this.discarding && this.runaway) {
        this.skipped += end - start;
        if (this.skipped > this.runaway.maxSkipBytes) {
          this.stopped = true;
          return this.runaway.onRunaway();
        }
      }
      if (!this.discarding) {
        if (this.length + (end - start) > this.maxBytes) {
          this.parts = [];
          this.length = 0;
          this.discarding = true;
          this.skipped = 0;
          this.onOversize();
        } else {
          this.parts.push(chunk.subarray(start, end));
          this.length += end - start;
        }
      }
      if (nl === -1) return;
      if (!this.discarding) {
        const line = Buffer.concat(this.parts, this.length).toString('utf8');
        this.parts = [];
        this.length = 0;
        this.onLine(line);
      }
      this.discarding = false;
      start = nl + 1;
    }
  }
}
