import { InvalidValueError, LocalportError } from './localport-error';
import { err, ok, unwrap } from './result';

class SampleError extends LocalportError {
  readonly code = 'SAMPLE.BROKEN';
}

describe('Result', () => {
  it('builds ok and err values', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('nope')).toEqual({ ok: false, error: 'nope' });
  });

  it('unwraps an ok value', () => {
    expect(unwrap(ok({ a: 1 }))).toEqual({ a: 1 });
  });

  it('throws the error of a failed result as it is', () => {
    const e = new SampleError('broken');
    expect(() => unwrap(err(e))).toThrow(e);
  });

  it('wraps a non-Error failure in an Error', () => {
    expect(() => unwrap(err({ code: 'X' }))).toThrow(new Error('[object Object]'));
    expect(() => unwrap(err('plain'))).toThrow(new Error('plain'));
  });
});

describe(LocalportError.name, () => {
  it('names the error after its class and keeps the cause', () => {
    const cause = new Error('ENOENT');
    const e = new SampleError('kubectl missing', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'SampleError', code: 'SAMPLE.BROKEN', message: 'kubectl missing', cause });
  });

  it('lists every violation in an InvalidValueError message', () => {
    const e = new InvalidValueError([
      { field: 'local_port', message: '0 is not a port (1-65535)' },
      { field: 'name', message: 'is required' },
    ]);
    expect(e.message).toBe('local_port: 0 is not a port (1-65535); name: is required');
    expect(e.code).toBe('DOMAIN.INVALID_VALUE');
  });
});
