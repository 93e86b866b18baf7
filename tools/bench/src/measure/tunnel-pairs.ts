/** One side of a comparison: a local port to send through. */
export interface Side {
  readonly label: string;
  readonly port: number;
}

/** LocalPort's way and the plain way to the same target, compared in the same run. */
export interface TunnelPair {
  readonly id: 'ssh' | 'kubectl' | 'relay';
  readonly title: string;
  readonly localport: Side;
  readonly baseline: Side;
  /** The process doing LocalPort's relaying on this path (the daemon, or the relay-alone host), for its CPU cost. */
  readonly relayPid: number;
}

/** Both sides of a pair, LocalPort first on even rounds and the baseline first on odd ones. */
export const sidesInRound = (pair: TunnelPair, round: number): readonly ['localport' | 'baseline', Side][] =>
  round % 2 === 0
    ? [['localport', pair.localport], ['baseline', pair.baseline]]
    : [['baseline', pair.baseline], ['localport', pair.localport]];
