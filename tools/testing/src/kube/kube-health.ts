import { KubeHealth } from './fake-kube-state';
import { KubeReply, textReply } from './kube-status';

const CHECKS = ['ping', 'log', 'etcd', 'poststarthook/start-informers', 'poststarthook/bootstrap-controller'];

/**
 * Answers `/healthz`, `/livez` or `/readyz` (optionally `?verbose`) like kube-apiserver:
 * `ok` when healthy; on failure HTTP 500 with the check list, `etcd` marked failed.
 */
export function healthReply(endpoint: keyof KubeHealth, health: KubeHealth, verbose: boolean): KubeReply {
  const ok = health[endpoint];
  if (ok && !verbose) return textReply('ok');
  const checks = endpoint === 'readyz' ? [...CHECKS, 'shutdown'] : CHECKS;
  const lines = checks.map((c) => (c === 'etcd' && !ok ? '[-]etcd failed: reason withheld' : `[+]${c} ok`));
  return textReply(`${lines.join('\n')}\n${endpoint} check ${ok ? 'passed' : 'failed'}\n`, ok ? 200 : 500);
}
