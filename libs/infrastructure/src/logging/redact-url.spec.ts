import { redactUrl, redactUrlsIn, secretsInUrl } from './redact-url';

describe('redactUrl', () => {
  it.each([
    ['http://u:TOKEN@host/h', 'http://***@host/h'],
    ['https://TOKEN@host:8443/h?x=1', 'https://***@host:8443/h?x=1'],
    ['http://host/h?token=abc&x=1&api_key=k&sig=s#frag', 'http://host/h?token=***&x=1&api_key=***&sig=***#frag'],
    ['http://host/h?Password=p&access%5Ftoken=t', 'http://host/h?Password=***&access%5Ftoken=***'],
    ['http://host/plain', 'http://host/plain'],
    ['not a url', 'not a url'],
    ['http://u:p@@weird', 'http://***@@weird'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('redacts every URL inside a sentence and leaves the rest alone', () => {
    expect(redactUrlsIn('GET http://u:TOKEN@h/x failed; see https://h2/y?secret=1 "quoted"')).toBe('GET http://***@h/x failed; see https://h2/y?secret=*** "quoted"');
  });

  it('lists the secret parts of a URL, raw and decoded', () => {
    expect(secretsInUrl('http://u:T%40K@host/h?token=a%2Bb&x=1')).toEqual(['T%40K', 'T@K', 'a%2Bb', 'a+b']);
    expect(secretsInUrl('http://host/h')).toEqual([]);
  });
});
