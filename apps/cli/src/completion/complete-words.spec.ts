import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../program';
import { COMPLETE_FILES, completeWords } from './complete-words';
import { readConfigNames } from './config-names';

const names = { services: ['api', 'db'], tags: ['core'], contexts: ['dev'] };
const complete = (...words: string[]) => completeWords(buildProgram(), words, names);

describe(completeWords.name, () => {
  it.each([
    [[''], expect.arrayContaining(['start', 'env', 'exec', 'completion', 'service'])],
    [['start', ''], ['api', 'db']],
    [['start', 'api', ''], ['db']],
    [['logs', 'api', ''], []],
    [['start', '--tag', ''], ['core']],
    [['cluster', 'pods', '--context', ''], ['dev']],
    [['-c', ''], [COMPLETE_FILES]],
    [['exec', 'api', '--', ''], [COMPLETE_FILES]],
    [['--output', ''], ['table', 'json', 'text', 'yaml']],
    [['service', 'install', '--manager', ''], ['systemd', 'launchd']],
    [['config', ''], ['validate', 'show']],
  ])('%j -> %j', (words, expected) => {
    expect(completeWords(buildProgram(), words, names)).toEqual(expected);
  });

  it('lists flags without hidden ones, and not the hidden __complete command', () => {
    expect(complete('service', 'install', '--')).toEqual(expect.arrayContaining(['--now', '--config']));
    expect(complete('service', 'install', '--')).not.toContain('--manager');
    expect(complete('')).not.toContain('__complete');
  });
});

describe(readConfigNames.name, () => {
  it('takes ${VAR} values and defaults, leaves out values of unset variables, and gives nothing for a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-names-'));
    try {
      const file = join(dir, 'c.yaml');
      writeFileSync(file, 'services:\n  - { name: a, tags: [x, "${T}"], connection: { context: ${C} } }\n  - { name: "${N:b}", connection: { context: "${D:dflt}" } }\n');
      expect(readConfigNames(file, { T: 'y' })).toEqual({ services: ['a', 'b'], tags: ['x', 'y'], contexts: ['dflt'] });
      writeFileSync(file, 'services: [ {name: x\n');
      expect(readConfigNames(file, {})).toEqual({ services: [], tags: [], contexts: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
