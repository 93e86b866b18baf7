/** How much the bench does; `--quick` is a smoke run of every measurement with smaller numbers. */
export interface BenchPlan {
  readonly quick: boolean;
  /** Bytes per throughput transfer (ssh, relay); kubectl may get fewer after the pilot. */
  readonly transferBytes: number;
  /** Longest a single kubectl transfer may take (estimated from the pilot) before the size is cut. */
  readonly maxKubectlTransferMs: number;
  readonly throughputRounds: number;
  readonly latencyRounds: number;
  readonly pingWarmup: number;
  readonly pingIterations: number;
  readonly pingBytes: number;
  readonly killsPerTechnology: number;
  /** restart_policy.reset_after (s) of the recovery services, and the healthy stretch before each kill. */
  readonly recoveryResetAfterS: number;
  readonly outageRounds: number;
  readonly cliRuns: number;
  readonly cliServices: number;
  readonly scaleServices: number;
  readonly idleSeconds: number;
  readonly sustainedServices: number;
  readonly sustainedSeconds: number;
  readonly killEverySeconds: number;
  readonly sampleEverySeconds: number;
}

const MB = 1024 * 1024;

const FULL: BenchPlan = {
  quick: false, transferBytes: 200 * MB, maxKubectlTransferMs: 4_000, throughputRounds: 5, latencyRounds: 5, pingWarmup: 200, pingIterations: 2_000, pingBytes: 64,
  killsPerTechnology: 20, recoveryResetAfterS: 1, outageRounds: 3, cliRuns: 20, cliServices: 50, scaleServices: 200, idleSeconds: 60,
  sustainedServices: 10, sustainedSeconds: 300, killEverySeconds: 30, sampleEverySeconds: 10,
};

const QUICK: BenchPlan = {
  ...FULL, quick: true, transferBytes: 50 * MB, throughputRounds: 3, latencyRounds: 3, pingWarmup: 100, pingIterations: 1_000,
  killsPerTechnology: 5, outageRounds: 1, cliRuns: 10, idleSeconds: 20, sustainedSeconds: 60,
};

export const USAGE = `usage: npm run bench [-- --quick]

Measures LocalPort against the tunnels it wraps, on loopback, and writes docs/benchmarks.md:
throughput and latency (ssh, kubectl, the relay alone, each next to its plain counterpart), recovery
after kill -9 and API-server outages, CLI start-up, 200 services in one daemon, the native forwarder
against the kubectl forwarder and plain kubectl port-forward, \`status\` through a hot reload of 2,000 services,
and a sustained run.

  --quick        fewer rounds, 50 MB transfers, 20 s idle, 60 s sustained (a few minutes)
  --only <list>  run only these measurements, comma-separated: tunnels, cli, scale, lean, mass, native, sustained
                 (\`--only native\`, also \`npm run bench:native\`: issue 10's native forwarder figures, ~3 min;
                 \`--only mass\`, also \`npm run bench:mass\`: issue 11's 2,000-service reload, ~1 min)
                 (the report then goes to dist/bench/partial.md unless --out says otherwise)
  --out <file>   where to write the report (default docs/benchmarks.md in the repository)
`;

/** The measurements, in the order a full run makes them. */
export const PHASES = ['tunnels', 'cli', 'scale', 'lean', 'mass', 'native', 'sustained'] as const;
export type PhaseName = (typeof PHASES)[number];

/** Helpers a measurement needs besides the target server and the test API server; `--only` starts no others. */
export type Helper = 'sshd' | 'load' | 'relay';
export const NEEDS: Readonly<Record<PhaseName, readonly Helper[]>> = {
  tunnels: ['sshd', 'load', 'relay'],
  cli: ['sshd'],
  scale: ['sshd'],
  lean: ['sshd', 'load'],
  mass: [],
  native: ['load'],
  sustained: ['sshd', 'load'],
};

/** The helpers to start for these measurements. */
export const helpersFor = (phases: Iterable<PhaseName>): Set<Helper> => new Set([...phases].flatMap((p) => NEEDS[p]));

/** Parsed command line, or a usage error message. */
export function parseBenchArgs(argv: readonly string[]): { plan: BenchPlan; out: string | null; help: boolean; only: readonly PhaseName[] | null } | string {
  let quick = false;
  let out: string | null = null;
  let help = false;
  let only: PhaseName[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--out' && argv[i + 1]) out = argv[++i];
    else if (a === '--only' && argv[i + 1]) {
      only = argv[++i].split(',').map((x) => x.trim()) as PhaseName[];
      const unknown = only.filter((x) => !PHASES.includes(x));
      if (unknown.length) return `unknown measurement ${unknown.join(', ')} (known: ${PHASES.join(', ')})`;
    }
    else if (a === '--help' || a === '-h') help = true;
    else return `unknown option ${a}`;
  }
  return { plan: quick ? QUICK : FULL, out, help, only };
}
