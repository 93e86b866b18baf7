import { TunnelLauncher } from '@localport/application';
import { TechnologyModule, UpstreamContext } from './technology';

/** The registered technologies, looked up by the name written in `technology:`. */
export interface TechnologyRegistry {
  /** Names in registration order (as the schema lists them in messages). */
  readonly names: readonly [string, ...string[]];
  readonly modules: readonly TechnologyModule[];
  /** The technology registered as `name` (exact, lower case), or undefined. */
  get(name: string): TechnologyModule | undefined;
  /** One upstream launcher per technology, for the composition root. */
  upstreams(ctx: UpstreamContext): TunnelLauncher[];
}

/** Builds a registry; a name registered twice is a bug in the registration list. */
export function technologyRegistry(...modules: readonly TechnologyModule[]): TechnologyRegistry {
  const byName = new Map<string, TechnologyModule>();
  for (const m of modules) {
    if (byName.has(m.name)) throw new Error(`technology ${m.name} is registered twice`);
    byName.set(m.name, m);
  }
  const names = [...byName.keys()];
  if (names.length === 0) throw new Error('no technology is registered');
  return {
    names: names as [string, ...string[]],
    modules: [...byName.values()],
    get: (name) => byName.get(name),
    upstreams: (ctx) => modules.map((m) => m.upstream(ctx)),
  };
}
