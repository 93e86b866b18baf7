import { isPortNumber, toPortNumber } from './port-number';

describe(toPortNumber.name, () => {
  it.each([1, 22, 80, 5432, 65535])('accepts %p', (n) => {
    expect(isPortNumber(n)).toBe(true);
    expect(toPortNumber(n, 'local_port')).toEqual({ ok: true, value: n });
  });

  it.each<[unknown, string]>([
    [0, '0'],
    [-1, '-1'],
    [65536, '65536'],
    [70000, '70000'],
    [1.5, '1.5'],
    ['80', '"80"'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('refuses %p, naming the field and the value', (n, shown) => {
    expect(isPortNumber(n)).toBe(false);
    expect(toPortNumber(n, 'remote_port')).toEqual({ ok: false, error: { field: 'remote_port', message: `${shown} is not a port (1-65535)` } });
  });
});
