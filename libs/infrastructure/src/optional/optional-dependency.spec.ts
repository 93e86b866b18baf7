import { MissingOptionalDependencyError, optionalDependency } from './optional-dependency';

describe(optionalDependency.name, () => {
  it('names the missing package, what needs it and how to install it, with a code', () => {
    const load = optionalDependency('localport-no-such-package', 'the frobnicator', () => require('localport-no-such-package'));
    expect(load).toThrow(MissingOptionalDependencyError);
    expect(load).toThrow("the frobnicator needs the npm package 'localport-no-such-package', which is not installed (npm install localport-no-such-package)");
    try {
      load();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INFRA.MISSING_DEPENDENCY', moduleName: 'localport-no-such-package', cause: { code: 'MODULE_NOT_FOUND' } });
    }
  });

  it('loads an installed package once and passes other failures through unchanged', () => {
    let loads = 0;
    const yaml = optionalDependency('yaml', 'a test', () => {
      loads++;
      return require('yaml') as typeof import('yaml');
    });
    expect(yaml().parse('a: 1')).toEqual({ a: 1 });
    expect(yaml()).toBe(yaml());
    expect(loads).toBe(1);
    const broken = optionalDependency('x', 'a test', () => {
      throw new SyntaxError('bad module');
    });
    expect(broken).toThrow(SyntaxError);
  });
});
