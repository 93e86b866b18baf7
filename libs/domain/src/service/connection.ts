/**
 * A technology's name as written in `technology:` (`kubectl`, `ssh`, `tcp` ...). The domain keeps no
 * list of them: the technologies are registered by the infrastructure, which rejects unknown names.
 */
export type Technology = string;

/**
 * How to reach a service's upstream, in a technology-neutral shape: the technology's name plus its
 * own settings, which only that technology's module reads. The core compares connections (a changed
 * connection restarts the tunnel) but never looks inside one.
 */
export interface Connection {
  readonly technology: Technology;
  readonly [setting: string]: unknown;
}
