import { NATIVE_MISS_NOTES } from './native-miss-notes';

/**
 * Why a target was missed, written by the developer after reading the measured facts (and a profile where one
 * helps). Keyed by figure id; the report prints a note only next to a figure that missed in that run.
 */
export const MISS_NOTES: Readonly<Record<string, string>> = {
  ...NATIVE_MISS_NOTES,
  'throughput.relay.cpu':
    "The relay pumps with Node streams (`pipe()`), one 64 KiB read and one write syscall per chunk plus a fresh Buffer and the stream bookkeeping for " +
    'each. Not done yet (issue 13): a pump without stream machinery (`onread` into a reused, larger buffer on the sockets the daemon opens, ' +
    '`writev` of what is queued); accepted sockets cannot take `onread` in Node 20, so the upload direction keeps 64 KiB reads. A splice(2) helper ' +
    'would need a native addon (a compiler or a prebuilt binary), which this install cannot have.',
  'cli.status.ratio':
    'Start-up of a second bundle: `localport` runs the 600 KB CLI bundle through a V8 code cache, which saves compiling but not running every ' +
    "module's top-level code (commander, zod schemas, cli-table3) nor reading the cache. Would remove it: a V8 startup snapshot " +
    '(`node --snapshot-blob cli.blob`, built by `--build-snapshot` at install for this node version) holding the initialised heap, with the bin as ' +
    'a small shell launcher; or a first bundle that only parses argv and talks to the socket, loading the rest for other commands.',
  'lean.rss.50':
    "Where the MB go (idle daemon, 50 ssh services; /proc/<pid>/status, process.memoryUsage(), a heap snapshot): ~38 MB are file-backed pages of " +
    '/usr/bin/node (`node -e 0` alone touches 34 MB; shared with every other node process, so PSS is lower), ~20-24 MB anonymous: the V8 heap ' +
    '~15 MB (old space ~13 MB live: the 1.3 MB bundle source, bytecode and the objects built by running the bundle\'s top level, winston with ' +
    'logform and colors, zod schemas, inversify, yaml, plus ~2-3 MB of per-service state: sockets, child process handles, lifecycle), 2 MB external, ' +
    'the rest malloc and thread stacks. Taken out so far: the Kubernetes client (a separate bundle, loaded with kubectl services only), 1 MB ' +
    'semi-spaces (-9 MB), a comment-free ASCII bundle (the source was a 3.6 MB two-byte string: -2.5 MB), a fixed glibc malloc trim threshold ' +
    '(start-up parsing left ~7 MB of freed malloc memory mapped: -7 MB), `--no-opt` with one V8 worker thread (no optimizing compiler: ' +
    'about -9 MB; `--lite-mode` saved ~3 MB more but ran everything in the interpreter, 2-3x slower to answer a 2,000-service status). ' +
    'What would remove the rest: a V8 startup snapshot of the ' +
    "daemon (a deserialised heap instead of running every module's top level), winston and inversify replaced by plain code, zod schemas built " +
    'at the first (re)load and dropped after. The ~34 MB of the node binary stay whatever the daemon does.',
  'lean.cpu.10':
    "The daemon's idle work is the default tcp health check of each service every 30 s, through the local port: the check connects, the relay " +
    "accepts, dials the tunnel's Unix socket (ssh opens a channel to the target) and tears both down 250 ms later. strace -c of the idle daemon " +
    'with 50 services over 30 s: 1,866 syscalls, 429 epoll wake-ups, 100 connect, 50 accept4; before issue 13 it was 2,754 (futex 345 -> 39, ' +
    'madvise 229 -> 15, munmap 85 -> 3, statx 15 -> 1: the 2 s config poll through the thread pool and GC page churn, gone with the 30 s poll and ' +
    'the V8 flags). What is left is one check per service per interval. ' +
    'Would remove most of it: probe the upstream (the Unix socket) directly instead of through the relay, one connect instead of connect + accept + ' +
    'dial; fewer checks while a tunnel is up and quiet (ssh itself reports a dead connection by exiting, which the daemon already sees). CPU ' +
    'seconds also inflate under load on these 2 shared cores, so the figure is noisy.',
  'lean.cpu.50': 'As for 10 services: the tcp health checks through the relay, 100 a minute with 50 services; the other timers are small beside them.',
  'lean.startall.50':
    "Each service is its own ssh connection (ControlMaster=no is deliberate: the death of each tunnel must be seen), and the handshakes are the cost: " +
    "`ssh host true` takes ~0.13 CPU-s of ssh's own with OpenSSH 9.2's default post-quantum key exchange (sntrup761x25519) against 0.03 s with " +
    'curve25519-sha256 (/usr/bin/time, 5 runs each), and sshd spends as much again (it forks and re-executes itself per connection); 50 handshakes are ' +
    "10+ CPU-s on 2 cores, so even alone on this machine they need ~5 s. The daemon's side is small: at most 8 launches at a time, readiness by a " +
    'directory watch (no polling), the control socket answers before the launches. On a shared machine the spread is wide (the same code measured ' +
    '22 s at load average ~20 and 45 s at ~30). Would get to 3 s: a cheaper key exchange (see the KexAlgorithms figure, about half; a security trade, ' +
    'so not a default: users may set it in ssh_options), and an idle machine. Sharing connections (ssh multiplexing) would too, but is ruled out.',
  'lean.start.50':
    'As for start --all: the ssh handshakes (the daemon listens before it auto-starts services, and launches at most 8 at a time).',
  'lean.start.10': 'As for 50 services: the ssh handshakes, on a machine whose other load stretches each one.',
  'lean.startall.10': 'As for 50 services: the ssh handshakes, on a machine whose other load stretches each one.',
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
  'mass.status.max':
    "Where the time goes on 2 cores: one status of 2,000 services is a ~790 KB JSON reply (see the facts) costing the daemon ~16 ms to build " +
    'and serialize; the reload (launches, 2,000 listener binds, health checks, garbage collection) keeps the event loop saturated, so a request ' +
    'waits for a turn; and the reply goes out in ~4 rounds of the 212 KB Unix socket send buffer (net.core.wmem_default), each round waiting for ' +
    'another turn of the loop. The poller, the target with 2,000 health-checked connections and the bench share the same 2 cores. Not tried yet: ' +
    'a smaller reply (fewer fields per service), which would cut both the building and the rounds.',
  'scale.rss.total':
    "LocalPort itself stays small (daemon RSS PASS); the memory is kubectl's: every `kubectl port-forward` is a Go process of ~49 MB RSS, ssh ~8 MB. " +
    'Fix needs fewer tunnel processes: one kubectl for several ports of the same pod, or an in-process port-forward (client-node over WebSocket) instead of a ' +
    'kubectl child; ssh could share one connection per host if the daemon ran a ControlMaster of its own and added forwards with `ssh -O forward` (today every tunnel is its own ssh connection, so that the death of each tunnel is seen).',
  'scale.cpu.total':
    "The daemon's share (200 tcp health checks every 30 s, through the relay) is within target. The rest is kubectl's own: a plain `kubectl port-forward` with " +
    'no traffic at all used 3 ticks (30 ms) of CPU in 120 s here, about 0.025 % of a core each, and a connection through it ~0.5-1.7 ms more; 100 of them ' +
    'make ~2.3 %. Fix: fewer kubectl processes (one per pod for several ports, or an in-process port-forward), as for memory.',
};
