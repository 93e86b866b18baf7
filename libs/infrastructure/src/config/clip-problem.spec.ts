import { clipText } from './clip-problem';

describe(clipText.name, () => {
  it('leaves short texts and short quoted values alone', () => {
    expect(clipText('local_port 70000 is not a port (1-65535)')).toBe('local_port 70000 is not a port (1-65535)');
    expect(clipText(`host ${JSON.stringify('x'.repeat(70))} is fine but long enough to be scanned past eighty characters`)).toContain('x'.repeat(70));
  });

  it('shortens a 70 KB quoted value to its start and its length', () => {
    const clipped = clipText(`host ${JSON.stringify('a'.repeat(70_000))} is not a host name`);
    expect(clipped).toBe(`host "${'a'.repeat(59)}…" (70000 characters) is not a host name`);
  });

  it('stays linear on hostile text full of quotes and backslashes', () => {
    const hostile = JSON.stringify('"\\'.repeat(200_000));
    const started = Date.now();
    expect(clipText(`got ${hostile} and ${hostile}`).length).toBeLessThan(1_100);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
