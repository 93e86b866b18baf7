/** Mutable totals a listener keeps for the connections that already ended plus events so far. */
export interface RelayCounters {
  connectionsTotal: number;
  dialFailures: number;
  /** Bytes read from clients by relays that have ended. */
  retiredBytesIn: number;
  /** Bytes read from upstreams by relays that have ended. */
  retiredBytesOut: number;
}

export const newRelayCounters = (): RelayCounters => ({ connectionsTotal: 0, dialFailures: 0, retiredBytesIn: 0, retiredBytesOut: 0 });
