import { z } from 'zod';
import { TECHNOLOGIES } from '../technologies';
import { TechnologyModule } from '../technology/technology';
import { technologyRegistry } from '../technology/technology-registry';
import { connectionByTechnology, pairConnectionWithTechnology } from './service-connection.schema';
import { strictFactory } from './schema-primitives';
import { configErrorMap } from './zod-issues';

/** A fourth technology, registered only here: its fragment must apply without any other change. */
const echo: TechnologyModule = {
  name: 'echo',
  connectionSchema: (obj) => obj({ word: z.string() }),
  toConnection: (data) => ({ technology: 'echo', ...(data as object) }),
  render: () => ({}),
  describeTarget: () => 'echo',
  upstream: () => {
    throw new Error('not used');
  },
};

const registry = technologyRegistry(...TECHNOLOGIES.modules, echo);
const services = z.array(
  z.preprocess((s) => pairConnectionWithTechnology(s, registry), strictFactory({ technology: z.string(), connection: connectionByTechnology(strictFactory, registry), port: z.int() })),
);
const issuesOf = (value: unknown) => {
  const parsed = services.safeParse(value, { error: configErrorMap });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code === 'unrecognized_keys' ? `unknown ${i.keys.join(', ')}` : i.message}`);
};

describe('a service schema composed from the registry', () => {
  it("checks a registered technology's connection with its fragment and returns the fragment's data", () => {
    expect(services.parse([{ technology: 'ECHO', connection: { word: 'hi' }, port: 1 }])).toEqual([{ technology: 'ECHO', connection: { word: 'hi' }, port: 1 }]);
    expect(issuesOf([{ technology: 'echo', connection: { word: 5, wrod: 'x' }, port: 1 }])).toEqual(['0.connection.word: must be text, got 5', '0.connection: unknown wrod']);
  });

  it("reports the connection with the service's other problems, even one that stops zod's refinements", () => {
    expect(issuesOf([{ technology: 'echo', connection: {}, port: 1.5 }])).toEqual(['0.connection.word: is required', '0.port: must be a whole number, got 1.5']);
  });

  it('only asks a mapping of the connection of a technology nobody registered', () => {
    expect(issuesOf([{ technology: 'morse', connection: { anything: 1 }, port: 1 }])).toEqual([]);
    expect(issuesOf([{ technology: 'morse', connection: [1], port: 1 }, { technology: 'echo', port: 1 }])).toEqual(['0.connection: must be a mapping, got a list', '1.connection: is required']);
  });
});
