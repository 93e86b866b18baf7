import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

/**
 * The kubeconfig's current context as kubectl reads it (every file of KUBECONFIG, else ~/.kube/config; the
 * first file to set `current-context` wins), or null when none sets one. Reads the files itself, without the
 * Kubernetes client, so loading a config stays cheap for the CLI.
 */
export function readCurrentKubeContext(env: NodeJS.ProcessEnv, homedir: string): string | null {
  const listed = (env['KUBECONFIG'] ?? '').split(delimiter).filter((f) => f.length > 0);
  for (const file of listed.length > 0 ? listed : [join(homedir, '.kube', 'config')]) {
    if (!existsSync(file)) continue;
    try {
      const current = (parse(readFileSync(file, 'utf8')) as { 'current-context'?: unknown } | null)?.['current-context'];
      if (typeof current === 'string' && current) return current;
    } catch {
      // kubectl skips a file it cannot read or parse; so do we.
    }
  }
  return null;
}
