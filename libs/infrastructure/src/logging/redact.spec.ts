import { REDACTED, redactFields, redactText, SECRET_KEY_PATTERN } from './redact';

describe('redactFields', () => {
  it('replaces secret-named keys at any depth, in objects and arrays', () => {
    const out = redactFields({
      service: 'db',
      password: 'hunter2',
      nested: { deeper: [{ apiKey: 'k1', api_key: 'k2', 'api-key': 'k3', ok: 1 }], Authorization: 'Bearer x' },
      sshPrivateKey: 'BEGIN',
      private_key_file: '/home/me/.ssh/id',
      refreshToken: 't',
      clientSecret: 's',
      pass: 'p',
    });
    expect(out).toEqual({
      service: 'db',
      password: REDACTED,
      nested: { deeper: [{ apiKey: REDACTED, api_key: REDACTED, 'api-key': REDACTED, ok: 1 }], Authorization: REDACTED },
      sshPrivateKey: REDACTED,
      private_key_file: REDACTED,
      refreshToken: REDACTED,
      clientSecret: REDACTED,
      pass: REDACTED,
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|k1|k2|k3|Bearer|BEGIN/);
  });

  it('redacts a secret key whatever its value is, even an object', () => {
    expect(redactFields({ token: { value: 'abc' } })).toEqual({ token: REDACTED });
  });

  it('keeps ordinary keys and does not mutate its input', () => {
    const input = { name: 'x', port: 5432, tags: ['a'], password: 'p' };
    redactFields(input);
    expect(input.password).toBe('p');
    expect(SECRET_KEY_PATTERN.test('localPort')).toBe(false);
  });

  it('makes errors, dates, bigints and cycles JSON-safe', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const error = Object.assign(new Error('boom', { cause: new Error('root') }), { code: 'X.Y' });
    const out = redactFields({ error, at: new Date(0), big: 10n, cyclic, fn: () => 1 });
    expect(out).toEqual({
      error: { name: 'Error', message: 'boom', code: 'X.Y', cause: { name: 'Error', message: 'root' } },
      at: '1970-01-01T00:00:00.000Z',
      big: '10',
      cyclic: { a: 1, self: '[circular]' },
    });
  });

  it('masks literal secret values inside strings', () => {
    expect(redactFields({ cmd: 'psql -p s3cr3t' }, ['s3cr3t'])).toEqual({ cmd: 'psql -p ***' });
  });
});

describe('redactText', () => {
  it('replaces every occurrence of every secret and ignores empty ones', () => {
    expect(redactText('a=s1 b=s2 c=s1', ['s1', 's2', ''])).toBe('a=*** b=*** c=***');
    expect(redactText('nothing here', [])).toBe('nothing here');
  });
});
