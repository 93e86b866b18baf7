import { parseFastStatus } from './status-argv';

describe(parseFastStatus.name, () => {
  it('takes status with names, -o/--output json|table and --no-color, in any order', () => {
    expect(parseFastStatus(['status'])).toEqual({ names: [], json: false, color: true });
    expect(parseFastStatus(['status', '-o', 'json'])).toEqual({ names: [], json: true, color: true });
    expect(parseFastStatus(['-o', 'json', 'status', 'a', 'b'])).toEqual({ names: ['a', 'b'], json: true, color: true });
    expect(parseFastStatus(['status', '--output=table', 'a', '--no-color'])).toEqual({ names: ['a'], json: false, color: false });
    expect(parseFastStatus(['status', 'status'])).toEqual({ names: ['status'], json: false, color: true });
  });

  it('leaves every other line to the full CLI', () => {
    for (const line of [[], ['start'], ['svc', 'status'], ['status', '-w'], ['status', '-c', 'x.yaml'], ['status', '-q'], ['status', '-v'], ['status', '--help'], ['status', '--'], ['status', '-o'], ['status', '-o', 'yaml'], ['status', '-o', 'text'], ['status', '-o', 'json', '-o', 'json'], ['status', '-ojson'], ['status', ''], ['status', 'x'.repeat(201)], ['daemon', 'status']]) {
      expect(parseFastStatus(line)).toBeNull();
    }
  });
});
