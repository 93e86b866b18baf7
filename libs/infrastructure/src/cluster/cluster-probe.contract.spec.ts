import { ClusterProbe } from '@localport/application';
import { ClusterProbeHarness, describeClusterProbeContract } from '@localport/application/testing';
import { warningEvent } from '@localport/testing/kube';
import { ApiClusterProbe } from './api-cluster-probe.adapter';
import { KubectlClusterProbe } from './kubectl-cluster-probe.adapter';
import { CONTEXTS, NOW, startProbeFixture, testSettings } from './testing/probe-fixture';

/** Each real provider against the test API server (and a silent one for the hung context). */
async function harness(make: (env: NodeJS.ProcessEnv) => ClusterProbe, unknownContextError: ClusterProbeHarness['unknownContextError']): Promise<ClusterProbeHarness> {
  const fx = await startProbeFixture();
  return {
    probe: make(fx.env()),
    now: NOW,
    context: CONTEXTS.fake,
    hungContext: CONTEXTS.hung,
    settings: () => testSettings(),
    addWarning: (reason, lastSeen) => fx.server.state.events.push(warningEvent(reason, `${reason} happened`, { involvedObject: { kind: 'Pod', name: 'web-0' }, lastSeen: new Date(lastSeen) })),
    refusedError: () => `The connection to the server 127.0.0.1:${fx.server.port} was refused`,
    unknownContextError,
    stopServer: () => fx.server.stop(),
    startServer: () => fx.server.start(),
    // The check's first request is out well within this on a busy machine.
    checkUnderWay: () => new Promise((resolve) => setTimeout(resolve, 200)),
    close: () => fx.close(),
  };
}

describeClusterProbeContract('KubectlClusterProbe (real kubectl, test API server)', () => harness((env) => new KubectlClusterProbe({ env, now: () => NOW, backoffBaseMs: 200 }), (c) => new RegExp(`"${c}"`)));
describeClusterProbeContract('ApiClusterProbe (@kubernetes/client-node, test API server)', () => harness((env) => new ApiClusterProbe({ env, now: () => NOW, backoffBaseMs: 200 }), (c) => `context "${c}" does not exist`));
