/** An optional peer dependency that an adapter needs but the package was installed without. */
export class MissingOptionalDependencyError extends Error {
  readonly code = 'INFRA.MISSING_DEPENDENCY';
  constructor(
    readonly moduleName: string,
    readonly neededFor: string,
    options?: { cause?: unknown },
  ) {
    super(`${neededFor} needs the npm package '${moduleName}', which is not installed (npm install ${moduleName})`, options);
    this.name = 'MissingOptionalDependencyError';
  }
}

/**
 * Loads an optional peer dependency on first use, so importing @localport/infrastructure does not
 * need it: only the adapter using it does. `load` is a thunk holding a literal `require(...)` so
 * that bundlers still see (and bundle) the module.
 */
export function optionalDependency<T>(moduleName: string, neededFor: string, load: () => T): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    try {
      loaded = load();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') throw new MissingOptionalDependencyError(moduleName, neededFor, { cause: e });
      throw e;
    }
    return loaded;
  };
}

/** Awaits `load` (a literal `import(...)`), turning a missing module into a {@link MissingOptionalDependencyError}. */
export async function importOptional<T>(moduleName: string, neededFor: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') throw new MissingOptionalDependencyError(moduleName, neededFor, { cause: e });
    throw e;
  }
}
