import { aKubectlService } from '../testing';
import { selectFromServices } from './selection';

const db = aKubectlService({ name: 'db', localPort: 15432, tags: ['data'] });
const web = aKubectlService({ name: 'web', localPort: 18080, tags: ['front'] });
const old = aKubectlService({ name: 'old', localPort: 18081, tags: ['legacy'], enabled: false });
const all = [db, web, old];
const names = (r: ReturnType<typeof selectFromServices>) => (r.ok ? r.value.map((s) => s.name) : r.error.code);

describe(selectFromServices.name, () => {
  it.each([
    ['names, in the order given', { names: ['web', 'db'] }, false, ['web', 'db']],
    ['a disabled service by name', { names: ['old'] }, false, ['old']],
    ['tags, any match, enabled only', { tags: ['front', 'legacy'] }, false, ['web']],
    ['tags with disabled ones when asked', { tags: ['legacy'] }, true, ['old']],
    ['all enabled', { all: true }, false, ['db', 'web']],
    ['an unknown name', { names: ['db', 'nope'] }, false, 'SERVICE.UNKNOWN'],
    ['nothing', {}, false, 'SERVICE.NONE_SELECTED'],
  ] as const)('selects %s', (_what, selection, includeDisabled, expected) => {
    expect(names(selectFromServices(all, selection, includeDisabled))).toEqual(expected);
  });

  it('says which tags the enabled services have when none has the tag asked for (issue 11, defect 10)', () => {
    expect(selectFromServices(all, { tags: ['nope'] })).toMatchObject({ ok: false, error: { code: 'SERVICE.NONE_SELECTED', message: 'no enabled service has tag nope (tags: data, front)' } });
    expect(selectFromServices(all, { tags: ['legacy'] })).toMatchObject({ ok: false, error: { message: 'no enabled service has tag legacy (tags: data, front)' } });
    expect(selectFromServices([], { tags: ['x'] })).toMatchObject({ ok: false, error: { message: 'no enabled service has tag x (tags: none)' } });
  });
});
