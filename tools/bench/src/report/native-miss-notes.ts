/**
 * Why an issue 10 (native forwarder) target was missed, keyed by figure id like {@link MISS_NOTES}; written from the
 * measurements named in each note.
 */
export const NATIVE_MISS_NOTES: Readonly<Record<string, string>> = {
  'native.throughput.ratio':
    "The forwarder's own thread is not what limits it on this machine: in a CPU profile (`--cpu-prof`) of the forwarder process during 64 MB " +
    'uploads it was idle 61-69 % of the time, its busy time mostly `writev` (TLS and the syscall). It writes each chunk without copying it into a ' +
    'channel frame and without masking it (zero mask over TLS). The rest of the path shares 2 cores with the load generator, the API server (not ' +
    "on this machine in a real cluster), the sink and other jobs, and kubectl's Go process gets a share for each of its threads, so the ratio moves with " +
    'the load (0.21x-1.7x across runs) and with the spread of the rounds (compare the min-max of both paths). Next: hand the relay\'s client socket to ' +
    'the forwarder instead of piping through a Duplex (one stream layer less per chunk), and measure on an idle machine.',
  'native.ttfb':
    'A new native connection goes client → relay accept → NativeForward.open → the spare WebSocket (already through TLS and the upgrade) → the first frame; ' +
    'plain kubectl opens a SPDY stream pair on its one open connection. The likely cause of a miss is connections that found no spare: the spare is ' +
    "reopened at the taking connection's first answer or 50 ms after it, and on a loaded machine that reopening (a TLS handshake in the daemon's thread) may " +
    'still be running when the next connection arrives; such a connection pays a handshake and an upgrade of its own. A spare-hit counter in ' +
    'NativeForwardCounters would settle it. Fix: keep two spares.',
  'native.scale.cpu':
    "Mostly the WebSocket pings. Every service pings each of its WebSockets every 10 s, and an idle service still holds one, its spare: 200 services make " +
    '20 pings a second, each a timer, a TLS record out and a pong back in. Measured with the same 200 services, 20 s idle, one run each (load average ~25): ' +
    "1.02 % as built; 0.26 % with pings every hour (`--ping-ms 3600000` of the scale helper); 0.55 % with no spare WebSockets (`--no-spare`); 0.30 % with neither. What " +
    "remains is the 200 watches and the relays' timers. Fix: ping only WebSockets that carry a connection, and let an idle service's spare close after a " +
    'while (a check of the spare when it is taken covers the rest); or one ping per API-server connection once the forwarder multiplexes.',
  'native.latency.added':
    "The native path's extra work per message is in the forwarder's thread: the relay hop (about 0.1 ms: see the relay-alone latency) and the WebSocket " +
    'frame and TLS record of each message. On 2 shared cores each event-loop wake-up of the forwarder process also waits for the CPU.',
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
