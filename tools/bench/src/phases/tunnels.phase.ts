import { BenchContext } from '../bench-context';
import { measureLatency } from '../measure/latency.measurement';
import { measureOutage } from '../measure/outage.measurement';
import { measureRecovery } from '../measure/recovery.measurement';
import { measureThroughput } from '../measure/throughput.measurement';
import { TunnelPair } from '../measure/tunnel-pairs';
import { SectionResult } from '../report/figures';
import { freePorts } from '../setup/free-ports';
import { LocalportRun } from '../setup/localport-run';
import { startPlainKubectl, startPlainSsh } from '../setup/plain-tunnels';
import { guarded } from './guarded';

/**
 * Measurements 1-3 on one daemon: an ssh and a kubectl service for the comparisons, two more (with a short
 * reset_after) for the kills, next to a plain `ssh -N -L`, a plain `kubectl port-forward` and the relay alone.
 */
export async function runTunnelPhase(ctx: BenchContext): Promise<SectionResult[]> {
  const [sshPair, kubePair, sshRecover, kubeRecover, plainSshPort] = await freePorts(5);
  const resetAfter = ctx.plan.recoveryResetAfterS;
  ctx.log('tunnels: starting LocalPort with 2 ssh and 2 kubectl services');
  const lp = await LocalportRun.start(
    ctx,
    'tunnels',
    [
      { name: 'ssh-pair', technology: 'ssh', localPort: sshPair },
      { name: 'kube-pair', technology: 'kubectl', localPort: kubePair },
      { name: 'ssh-recover', technology: 'ssh', localPort: sshRecover, resetAfter },
      { name: 'kube-recover', technology: 'kubectl', localPort: kubeRecover, resetAfter },
    ],
    120,
  );
  try {
    const plainSsh = await startPlainSsh(ctx.sshd, plainSshPort, ctx.targetPort);
    const stopSsh = ctx.cleanup.push('plain ssh -L', () => plainSsh.stop());
    const plainKube = await startPlainKubectl(ctx.workspace.kubectlEnv());
    const stopKube = ctx.cleanup.push('plain kubectl port-forward', () => plainKube.stop());
    const relayPort = await ctx.relay.call<number>('start', { upstreamPort: ctx.targetPort });
    const pairs: TunnelPair[] = [
      { id: 'ssh', title: 'ssh', localport: { label: 'LocalPort ssh service', port: sshPair }, baseline: { label: 'plain ssh -N -L', port: plainSsh.localPort }, relayPid: lp.daemonPid },
      { id: 'kubectl', title: 'kubectl', localport: { label: 'LocalPort kubectl service', port: kubePair }, baseline: { label: 'plain kubectl port-forward', port: plainKube.localPort }, relayPid: lp.daemonPid },
      { id: 'relay', title: 'relay alone', localport: { label: 'relay (TcpListenerFactory)', port: relayPort }, baseline: { label: 'direct loopback', port: ctx.targetPort }, relayPid: ctx.relay.pid },
    ];
    const sections: SectionResult[] = [];
    sections.push(...(await guarded('Throughput', () => measureThroughput(ctx, pairs), ctx.log)));
    sections.push(...(await guarded('Latency', () => measureLatency(ctx, pairs), ctx.log)));
    await stopSsh();
    await stopKube();
    const recover = [
      { technology: 'ssh' as const, name: 'ssh-recover', port: sshRecover },
      { technology: 'kubectl' as const, name: 'kube-recover', port: kubeRecover },
    ];
    sections.push(...(await guarded('Recovery after kill -9 of the upstream', () => measureRecovery(ctx, lp.watch, recover), ctx.log)));
    sections.push(...(await guarded('API-server outage', () => measureOutage(ctx, lp.watch, ['kube-pair', 'kube-recover']), ctx.log)));
    return sections;
  } finally {
    await lp.close();
  }
}
