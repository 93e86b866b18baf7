import { connect, Socket } from 'node:net';
import { PortTarget } from './fake-kube-state';

/** The pod a port-forward session is bound to, and where its container ports lead. */
export interface PodBinding {
  namespace: string;
  pod: string;
  uid: string;
  /** Looks up `portTargets["ns/pod"][port]` at dial time, so tests may change it mid-session. */
  targetFor(port: number): PortTarget | undefined;
}

/** A connected upstream socket, or the text the kubelet would write on the error stream. */
export type DialOutcome = { socket: Socket } | { error: string };

/** The kubelet's (containerd's) message when nothing listens on the container port. */
const refused = (b: PodBinding, port: number, cause: string): string =>
  `error forwarding port ${port} to pod ${b.uid}, uid : failed to execute portforward in network namespace ` +
  `"/var/run/netns/cni-${b.uid}": failed to connect to localhost:${port} inside namespace "${b.uid}", ${cause}`;

/** Dials the loopback server standing in for a container port; resolves once connected or failed (never rejects). */
export function dialPodPort(binding: PodBinding, port: number): Promise<DialOutcome> {
  const target = Number.isInteger(port) ? binding.targetFor(port) : undefined;
  if (!target) {
    const cause = `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
    return Promise.resolve({ error: refused(binding, port, cause) });
  }
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port, allowHalfOpen: true, noDelay: true });
    const onError = (e: NodeJS.ErrnoException): void => {
      socket.destroy();
      resolve({ error: refused(binding, port, `IPv4: dial tcp4 ${target.host}:${target.port}: connect: ${e.code ?? e.message}`) });
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      socket.on('error', () => socket.destroy());
      resolve({ socket });
    });
  });
}
