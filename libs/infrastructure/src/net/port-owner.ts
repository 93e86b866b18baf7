/** The process holding a local TCP port, as far as the system tells. */
export interface PortOwner {
  readonly pid: number;
  readonly command: string;
}

/** Finds who listens on `port`; null when unknown. Injected: the real one lives in the process adapters. */
export type PortOwnerFinder = (port: number) => Promise<PortOwner | null>;
