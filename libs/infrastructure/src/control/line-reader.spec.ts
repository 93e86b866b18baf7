import { LineReader } from './line-reader';

describe(LineReader.name, () => {
  const collect = (max: number) => {
    const lines: string[] = [];
    let oversize = 0;
    const reader = new LineReader(max, (l) => lines.push(l), () => oversize++);
    return { reader, lines, oversize: () => oversize };
  };

  it('splits lines across and within chunks', () => {
    const { reader, lines } = collect(100);
    reader.push(Buffer.from('ab'));
    reader.push(Buffer.from('c\nde\n\nf'));
    reader.push(Buffer.from('g\n'));
    expect(lines).toEqual(['abc', 'de', '', 'fg']);
  });

  it('keeps multi-byte characters split between chunks intact', () => {
    const { reader, lines } = collect(100);
    const bytes = Buffer.from('héllo→\n');
    reader.push(bytes.subarray(0, 2));
    reader.push(bytes.subarray(2, 7));
    reader.push(bytes.subarray(7));
    expect(lines).toEqual(['héllo→']);
  });

  it('reports an oversized line once, skips it to its newline, and goes on', () => {
    const { reader, lines, oversize } = collect(10);
    reader.push(Buffer.from('0123456789'));
    reader.push(Buffer.from('abc'));
    reader.push(Buffer.from('defgh'));
    reader.push(Buffer.from('ijk\nok\n'));
    expect(oversize()).toBe(1);
    expect(lines).toEqual(['ok']);
  });

  it('accepts a line of exactly the limit', () => {
    const { reader, lines, oversize } = collect(4);
    reader.push(Buffer.from('abcd\nabcde\n'));
    expect(lines).toEqual(['abcd']);
    expect(oversize()).toBe(1);
  });

  it('gives up once an oversized line runs past maxSkipBytes, and ignores the rest', () => {
    const lines: string[] = [];
    let oversize = 0;
    let runaway = 0;
    const reader = new LineReader(4, (l) => lines.push(l), () => oversize++, { maxSkipBytes: 10, onRunaway: () => runaway++ });
    reader.push(Buffer.from('ok\n0123456'));
    reader.push(Buffer.from('789abcdef'));
    expect([oversize, runaway]).toEqual([1, 0]);
    reader.push(Buffer.from('ghijk'));
    expect([oversize, runaway]).toEqual([1, 1]);
    reader.push(Buffer.from('\nlate\n'));
    expect(lines).toEqual(['ok']);
    expect(runaway).toBe(1);
  });

  it('counts the skip limit per oversized line', () => {
    const lines: string[] = [];
    let runaway = 0;
    const reader = new LineReader(4, (l) => lines.push(l), () => undefined, { maxSkipBytes: 10, onRunaway: () => runaway++ });
    for (let i = 0; i < 5; i++) reader.push(Buffer.from('0123456789\n'));
    reader.push(Buffer.from('done\n'));
    expect(runaway).toBe(0);
    expect(lines).toEqual(['done']);
  });
});
