/**
 * Why a target was missed, written by the developer after reading the measured facts (and a profile where one
 * helps). Keyed by figure id; the report prints a note only next to a figure that missed in that run.
 */
export const MISS_NOTES: Readonly<Record<string, string>> = {
  'throughput.relay.ratio':
    'The relay copies every byte through user space: Node has no splice(2), so each 64 KiB chunk is a read and a write syscall plus stream bookkeeping, ' +
    'about 2-3 CPU-s per GB on this VM (see the CPU facts; strace of a 1 GB transfer: 16,666 reads and 16,666 writes, the profile is mostly `writeBuffer`). ' +
    'A bare `client.pipe(upstream).pipe(client)` relay measured the same (370-700 MB/s), so it is Node, not LocalPort code. Direct loopback has no tunnel to hide ' +
    'that cost behind and the extra process shares 2 cores with client and sink. Fix: zero-copy relaying (splice through a small native helper), not a JS change.',
  'throughput.ssh.ratio':
    'The path is CPU-bound on 2 cores: ssh encrypts, sshd decrypts, client and sink copy. LocalPort\'s relay adds its own CPU per GB (see the CPU facts) out ' +
    'of the same two cores, so fewer bytes move per second in proportion: the CPU-bound prediction in the facts is within ~0.07 of the ' +
    'measured ratio in every run so far. With idle cores the relay would run beside ssh and the ratio approach 1; on 2 cores the fix is cheaper relaying ' +
    '(splice), as for the relay alone.',
  'throughput.kubectl.ratio':
    "Same cause as ssh: kubectl, the test API server's SPDY code, client and sink already keep both cores busy, and the relay's per-GB CPU comes out of them. " +
    'The figure is noisy (the fake API server runs in the bench process); fix as above.',
  'latency.kubectl.added':
    'The relay hop itself adds about 0.1 ms (relay-alone figure: two more loopback hops and two event-loop wake-ups in the daemon); kubectl through the test ' +
    "API server is slow and noisy (0.6-0.8 ms p50), and other load on the 2 cores pushes LocalPort's extra hop over 0.2 ms in some rounds.",
  'latency.ssh.added': 'As for kubectl: the relay hop costs about 0.1 ms on this machine and load on the 2 cores spreads it.',
  'cli.status':
    'Almost all of it is process start-up, not the request (see the control-socket figure): `node -e 0` alone takes 85-125 ms here and `localport --version` ' +
    '200-290 ms. A CPU profile of `--version` is dominated by compiling the 870 KB bundle (wrapSafe ~20 %), running every module\'s top-level code (zod schemas, ' +
    'commander setup) and GC. Fix: build schemas and command modules lazily, and cache compiled code (V8 code cache or a startup snapshot).',
  'scale.rss.total':
    "LocalPort itself stays small (daemon RSS PASS); the memory is kubectl's: every `kubectl port-forward` is a Go process of ~49 MB RSS, ssh ~8 MB. " +
    'Fix needs fewer tunnel processes: one kubectl for several ports of the same pod, or an in-process port-forward (client-node over WebSocket) instead of a ' +
    'kubectl child; ssh could share one connection per host if the daemon ran a ControlMaster of its own and added forwards with `ssh -O forward` (today every tunnel is its own ssh connection, so that the death of each tunnel is seen).',
  'scale.cpu.total':
    "The daemon's share (200 tcp health checks every 30 s, through the relay) is within target. The rest is kubectl's own: a plain `kubectl port-forward` with " +
    'no traffic at all used 3 ticks (30 ms) of CPU in 120 s here, about 0.025 % of a core each, and a connection through it ~0.5-1.7 ms more; 100 of them ' +
    'make ~2.3 %. Fix: fewer kubectl processes (one per pod for several ports, or an in-process port-forward), as for memory.',
};
