/**
 * Why an issue 10 (native forwarder) target was missed, keyed by figure id like {@link MISS_NOTES}; written from the
 * measurements named in each note.
 */
export const NATIVE_MISS_NOTES: Readonly<Record<string, string>> = {
  'native.throughput.ratio':
    'Two costs, both in the daemon\'s one thread, and the run shows how large each is. (1) LocalPort\'s relay hop: the kubectl forwarder is plain ' +
    'kubectl plus that hop, and its ratio to plain kubectl (in the spread column) was 0.4-0.5x in these runs. That is the cost already explained for the relay alone ' +
    '(Node streams, one read and one write syscall per 64 KiB, no splice). (2) The native part after the relay: native moved 0.5-0.9x of what the kubectl ' +
    'forwarder moves. Per uploaded chunk it copies the chunk into a `[channel][payload]` frame (ChannelStream._write), frames it for the WebSocket and ' +
    'encrypts it with TLS, on the same thread as the relay. It does not mask it: over TLS the client sends a zero mask, which ws skips, and the test API ' +
    'server skips unmasking. kubectl does its share in Go, in its own process, on more than one thread. On 2 cores shared with other jobs (load average ' +
    '20-30 during these runs), a one-thread path gets one thread\'s share of the CPU while kubectl\'s process gets a share for each of its threads, so the ' +
    'ratio also follows the load. ADR 0007 measured 1.7x at load 14 with echo both ways. Fix, in order: cheaper relaying (for a native service the relay ' +
    'could hand the client socket to the forwarder instead of piping through a Duplex), reading into a buffer with the channel byte reserved in front ' +
    '(no frame copy), then a CPU profile (`node --cpu-prof`) of the native transfer on an idle machine.',
  'native.ttfb':
    'A new native connection goes client → relay accept → NativeForward.open → the spare WebSocket (already through TLS and the upgrade) → the first frame. ' +
    "Plain kubectl only opens a SPDY stream pair on its one open connection. The native path has one more process hop's worth of work in the " +
    "daemon's thread: the relay, plus copying the first message into a frame and TLS (see throughput). Not measured apart yet, and the likely cause of the long " +
    'tail (p95): connections that found no spare. The spare is reopened 50 ms after a connection takes it, or at that connection\'s first answer, and ' +
    'on a loaded machine that reopening (a TLS handshake in the daemon\'s thread) may still be running when the next connection arrives. Such a ' +
    'connection pays a handshake and an upgrade of its own. A spare-hit counter in NativeForwardCounters would settle it. Fix: keep two spares.',
  'native.scale.cpu':
    "Mostly the WebSocket pings. Every service pings each of its WebSockets every 10 s, and an idle service still holds one, its spare: 200 services make " +
    '20 pings a second, each a timer, a TLS record out and a pong back in. Measured with the same 200 services, 20 s idle, one run each (load average ~25): ' +
    "1.02 % as built; 0.26 % with pings every hour (`--ping-ms 3600000` of the scale helper); 0.55 % with no spare WebSockets (`--no-spare`); 0.30 % with neither. What " +
    "remains is the 200 watches and the relays' timers. Fix: ping only WebSockets that carry a connection, and let an idle service's spare close after a " +
    'while (a check of the spare when it is taken covers the rest); or one ping per API-server connection once the forwarder multiplexes.',
  'native.latency.added':
    'Two costs, both in the daemon\'s thread, neither in plain kubectl\'s path: the relay hop (about 0.1 ms: see the relay-alone latency) and the framing of ' +
    'each message (a copy into a channel frame, then TLS). On 2 shared cores each event-loop wake-up of the bench process also waits for the CPU.',
  'native.replace.failed':
    'A request fails when its connection was open on the pod that was just deleted: the forwarder ends those connections (ECONNRESET) as soon as the watch ' +
    'reports the pod gone, and the client sees that request fail. New connections already go to the other Ready pod. The error column names the kind.',
  'native.single.p95':
    'New connections wait (up to connect_timeout) while no pod is Ready and go to the new pod when the watch reports it Ready. The time is the watch ' +
    "latency (the test API server diffs its state every 25 ms) plus a new WebSocket's TLS handshake and upgrade, all on a loaded machine.",
  'native.scale.rss':
    'About 120 MB is the process with the forwarder loaded and no service running: loading @kubernetes/client-node (for KubeConfig) takes a bare Node ' +
    'process from about 39 MB to about 110 MB (measured on this machine when the forwarder was designed). Each service adds about 0.4-0.5 MB: its relay listener, its watch and its spare WebSocket ' +
    '(two TLS connections with their buffers). Fix: load only client-node\'s config module, or read kubeconfig without it.',
};
