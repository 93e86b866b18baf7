/** How a failed service is restarted. Durations are milliseconds. */
export interface RestartPolicy {
  readonly enabled: boolean;
  /** Failed restarts in a row before the service is `failed`; 0 means never give up. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly backoffMultiplier: number;
  readonly maxDelayMs: number;
  /** Fraction (0..1) by which each delay is spread at random, so many services do not restart in lockstep. */
  readonly jitter: number;
  /** Running this long without a failure resets the attempt count. */
  readonly resetAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  enabled: true,
  maxAttempts: 0,
  initialDelayMs: 1_000,
  backoffMultiplier: 2,
  maxDelayMs: 300_000,
  jitter: 0.1,
  resetAfterMs: 60_000,
};
