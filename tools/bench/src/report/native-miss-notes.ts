/**
 * Why an issue 10 (native forwarder) target was missed, keyed by figure id like {@link MISS_NOTES}; written from the
 * measurements named in each note.
 */
export const NATIVE_MISS_NOTES: Readonly<Record<string, string>> = {
  'native.throughput.ratio':
    'The cost is WebSocket masking in JavaScript. A WebSocket client must mask every frame it sends (RFC 6455). Without the optional `bufferutil` addon, ' +
    'which is not installed here, `ws` does it with a byte loop in the daemon\'s own thread, for every uploaded byte. A micro-benchmark on this machine ' +
    '(64 KiB frames, run within one minute at load average ~28, so every figure was inflated alike) measured: JS masking 18.7 s per GB, bufferutil 4 masking ' +
    '0.31 s per GB, the AES-GCM of TLS about 5 s per GB, and copying each chunk into a `[channel][payload]` frame about 8 s per GB. kubectl masks in Go, in ' +
    'its own process. The downloads, pod to client, are not masked. The test API server unmasks in JavaScript as well, on every path (kubectl 1.32 sends its ' +
    'SPDY inside WebSocket frames too); a real kube-apiserver unmasks in Go. The fix: `bufferutil` as an optional dependency (it ships prebuilt binaries for ' +
    'linux-x64, darwin and win32, and ws finds it by itself), kept external in the daemon bundle. Then one frame copy fewer (the relay could read into a ' +
    'buffer with the channel byte reserved in front). On a busy 2-core machine this figure swings widely between rounds (see the min–max).',
  'native.ttfb':
    'A new native connection goes client → relay accept → NativeForward.open → the spare WebSocket (already through TLS and the upgrade) → the first frame. ' +
    "Plain kubectl only opens a SPDY stream pair on its one open connection. The native path has one more process hop's worth of work in the " +
    "daemon's thread: the relay, plus copying and JS-masking the first frame (see throughput). Not measured apart yet, and the likely cause of the long " +
    'tail (p95): connections that found no spare. The spare is reopened 50 ms after a connection takes it, or at that connection\'s first answer, and ' +
    'on a loaded machine that reopening (a TLS handshake in the daemon\'s thread) may still be running when the next connection arrives. Such a ' +
    'connection pays a handshake and an upgrade of its own. A spare-hit counter in NativeForwardCounters would settle it. Fix: keep two spares, and add ' +
    'bufferutil.',
  'native.scale.cpu':
    "Mostly the WebSocket pings. Every service pings each of its WebSockets every 10 s, and an idle service still holds one, its spare: 200 services make " +
    '20 pings a second, each a timer, a TLS record out and a pong back in. Measured with the same 200 services, 20 s idle, one run each (load average ~25): ' +
    "1.02 % as built; 0.26 % with pings every hour (`--ping-ms 3600000` of the scale helper); 0.55 % with no spare WebSockets (`--no-spare`). What " +
    "remains is the 200 watches and the relays' timers. Fix: ping only WebSockets that carry a connection, and let an idle service's spare close after a " +
    'while (a check of the spare when it is taken covers the rest); or one ping per API-server connection once the forwarder multiplexes.',
  'native.latency.added':
    'Two costs, both in the daemon\'s thread, neither in plain kubectl\'s path: the relay hop (about 0.1 ms: see the relay-alone latency) and the framing of ' +
    'each message (a copy into a channel frame, JS masking, TLS). On 2 shared cores each event-loop wake-up of the bench process also waits for the CPU.',
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
