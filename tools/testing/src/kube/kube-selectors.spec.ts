import { parseFieldSelector, parseLabelSelector, SelectorSyntaxError } from './kube-selectors';

describe('parseLabelSelector', () => {
  const labels = { app: 'web', tier: 'front' };

  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app in (db, web)', true],
    ['app notin (db,web)', false],
    ['app in (db),tier=front', false],
  ])('%j matches %j', (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it('rejects what it cannot parse', () => {
    expect(() => parseLabelSelector('app=(x')).toThrow(SelectorSyntaxError);
  });
});

describe('parseFieldSelector', () => {
  const podObj = { metadata: { name: 'web-0', namespace: 'default' }, status: { phase: 'Running' } };

  it.each([
    ['status.phase!=Succeeded', true],
    ['status.phase=Running,metadata.name=web-0', true],
    ['metadata.name=web-1', false],
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
  ])('%j matches %j', (selector, expected) => {
    expect(parseFieldSelector(selector)(podObj)).toBe(expected);
  });

  it('rejects a requirement without an operator', () => {
    expect(() => parseFieldSelector('status.phase')).toThrow(SelectorSyntaxError);
  });
});
