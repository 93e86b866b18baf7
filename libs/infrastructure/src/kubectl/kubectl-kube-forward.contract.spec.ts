import { kubectlEnv } from '@localport/testing/kube';
import { describeKubeForwardContract } from '../kube-native/testing/describe-kube-forward-contract';
import { KubectlTunnelLauncher } from './kubectl-tunnel-launcher.adapter';

jest.setTimeout(90_000);

// kubectl is pinned to the pod it picked at start, exits on an API outage or a kubelet error, and passes a
// half-close on through SPDY.
describeKubeForwardContract(KubectlTunnelLauncher.name, (dir) => new KubectlTunnelLauncher({ env: kubectlEnv(dir) }), {
  retargets: false,
  survivesOutage: false,
  survivesPodErrors: false,
  halfCloseReachesPod: true,
});
