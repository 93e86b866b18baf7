import { watchIntervalMs } from './watch-interval';

describe(watchIntervalMs.name, () => {
  it.each([
    ['2', 2000],
    ['0.5', 500],
    ['0.2', 200],
    ['3600', 3_600_000],
  ])('takes %s seconds', (text, ms) => {
    expect(watchIntervalMs(text)).toBe(ms);
  });

  it.each(['abc', '-3', '0', '0.1', '', '1e3', 'Infinity', 'NaN', '3601', '2s'])('rejects %j as a usage error (exit 2) naming the value', (text) => {
    expect(() => watchIntervalMs(text)).toThrow(expect.objectContaining({ exitCode: 2, code: 'CLI.USAGE', message: expect.stringContaining(JSON.stringify(text)) }));
  });
});
