import { z } from 'zod';
import { TECHNOLOGIES } from '../technologies';
import { TechnologyModule } from '../technology/technology';
import { TechnologyRegistry } from '../technology/technology-registry';
import { ObjectFactory, show } from './schema-primitives';
import { configErrorMap } from './zod-issues';

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A service's `connection` after validation: the technology named by `technology:` and the data its fragment returned. */
export interface CheckedConnection {
  readonly technology: TechnologyModule;
  readonly data: unknown;
}

/** `connection` as written, paired with the technology its service names (undefined when unknown). */
class WrittenConnection {
  constructor(
    readonly technology: TechnologyModule | undefined,
    readonly value: unknown,
  ) {}
}

/**
 * Pairs a service's `connection` with the technology named by its `technology:` (as the file schema reads it:
 * any case), so that the `connection` field can be checked by that technology's fragment. Adds no issue.
 */
export function pairConnectionWithTechnology(service: unknown, technologies: TechnologyRegistry = TECHNOLOGIES): unknown {
  if (!isRecord(service) || !Object.hasOwn(service, 'connection')) return service;
  const name = service['technology'];
  const technology = typeof name === 'string' ? technologies.get(name.toLowerCase()) : undefined;
  return { ...service, connection: new WrittenConnection(technology, service['connection']) };
}

const mappingMessage = (input: unknown) => (input === undefined ? 'is required' : input === null ? 'is empty; expected a mapping' : `must be a mapping, got ${show(input)}`);

/**
 * The `connection` field of a service: a mapping, checked by the schema fragment of the service's technology,
 * which the registry supplies (built with the same object factory, so unknown keys are reported the same
 * way). Its output is the fragment's data. An unknown technology is reported by the `technology` field and
 * its connection is only required to be a mapping. It runs whatever the service's other fields hold, so every
 * problem of a service is reported at once. Expects {@link pairConnectionWithTechnology} to have run.
 */
export function connectionByTechnology(obj: ObjectFactory, technologies: TechnologyRegistry = TECHNOLOGIES) {
  const fragments = new Map(technologies.modules.map((t) => [t, t.connectionSchema(obj)]));
  return z.unknown().transform((input, ctx) => {
    const written = input instanceof WrittenConnection ? input : new WrittenConnection(undefined, input);
    if (!isRecord(written.value)) {
      ctx.issues.push({ code: 'custom', message: mappingMessage(written.value), input: written.value });
      return z.NEVER;
    }
    const fragment = written.technology && fragments.get(written.technology);
    if (!fragment) return written.value;
    const checked = fragment.safeParse(written.value, { error: configErrorMap });
    if (checked.success) return checked.data;
    for (const issue of checked.error.issues) ctx.issues.push(issue as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}
