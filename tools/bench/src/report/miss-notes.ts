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
    "Where the MB go (idle daemon, 50 ssh services; /proc/<pid>/smaps, process.memoryUsage(), a heap snapshot): ~37 MB are file-backed pages of " +
    '/usr/bin/node (`node -e 0` alone touches 34 MB; shared with every other node process, so PSS is lower), ~20-22 MB anonymous: the V8 heap ' +
    "~13 MB (the 1.35 MB bundle source, bytecode and the objects built by running the bundle's top level, winston with logform, inversify, yaml, " +
    'plus ~2-3 MB of per-service state: sockets, child process handles, lifecycle), 2 MB external, the rest malloc and thread stacks. Taken out so ' +
    'far: the Kubernetes client (a separate bundle, loaded with kubectl services only), 1 MB semi-spaces (-9 MB), a comment-free ASCII bundle ' +
    '(-2.5 MB), a fixed glibc malloc trim threshold (-7 MB), `--no-opt` with one V8 worker thread (about -9 MB), zod schemas built for each load ' +
    'and dropped (-1.4 MB of heap). A run measured within ±2 MB of another. What would remove more: a V8 startup snapshot of the daemon (a ' +
    "deserialised heap instead of running every module's top level), winston and inversify replaced by plain code. The ~34 MB of the node binary " +
    'stay whatever the daemon does.',
  'lean.cpu.10':
    "The daemon's idle work is the default tcp check of each service every 30 s: one connection to the tunnel opened in-process through the " +
    "service's own listener (ssh opens a channel to the target for it) and closed 250 ms later, checks of services started within the same second " +
    "in one wake-up. Each is about 2 ms of CPU in Node's socket and timer code (perf, baseline code, spread over many builtins). A miss here is " +
    'most likely a GC in the window: V8 compacts the heap once about 15 s after start-up (60-100 ms), which is why the window begins 30 s after ' +
    'the last service served; CPU seconds also inflate under load on these 2 shared cores.',
  'lean.cpu.50': 'As for 10 services: one in-process tcp check per service every 30 s, about 2 ms of CPU each; the other timers are small beside them.',
  'lean.startall.50':
    "Each service is its own ssh connection (ControlMaster=no is deliberate: the death of each tunnel must be seen), and the handshakes are the cost. " +
    "Per connection against this sshd (5 `ssh -N` each way): ssh 74 ms of CPU with OpenSSH 9.2's default sntrup761x25519 key exchange, 12 ms with " +
    'curve25519-sha256; sshd ~55 ms either way (it re-executes itself for each connection). With sshd on the same 2 cores, 50 connections are ' +
    '6.5 CPU-s: a floor of 3.25 s before the daemon does anything, so 3 s cannot be met here with the default key exchange. The rest is the first ' +
    'connection (1.5-2.0 s: CLI, daemon start, config, first handshake) and at most 8 launches at a time, below the default sshd MaxStartups of 10. ' +
    'Of a start measured whole (/proc): daemon 1.7 CPU-s (spawning 50 ssh processes, the config parsed in a worker thread, readiness, logs, state ' +
    'file), ssh 4.1, sshd 2.0. ' +
    'Would get closer: a cheaper key exchange (see the KexAlgorithms figure; a security trade, so not a default: users may set it in ssh_options), ' +
    "an sshd on another machine (its share is then not on the laptop's cores), or sharing connections, which the design rules out.",
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
