/**
 * Splits a byte stream into newline-terminated lines of at most `maxBytes`. A longer line is reported
 * once through `onOversize` and skipped up to its newline, so memory stays bounded whatever arrives.
 */
export class LineReader {
  private parts: Buffer[] = [];
  private length = 0;
  private discarding = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOversize: () => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!this.discarding) {
        if (this.length + (end - start) > this.maxBytes) {
          this.parts = [];
          this.length = 0;
          this.discarding = true;
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
