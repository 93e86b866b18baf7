import { RecordingLogger } from '@localport/application/testing';
import { join } from 'node:path';
import { loadKubeConfig } from '../cluster/kubeconfig-loader';
import { SystemClock } from '../clock/system-clock.adapter';
import { NativeKubeTunnelLauncher } from './native-kube-tunnel-launcher.adapter';
import { describeKubeForwardContract } from './testing/describe-kube-forward-contract';

jest.setTimeout(60_000);

describeKubeForwardContract(
  NativeKubeTunnelLauncher.name,
  (dir) => new NativeKubeTunnelLauncher(() => loadKubeConfig({ env: { KUBECONFIG: join(dir, 'kubeconfig') } }), new RecordingLogger(), new SystemClock()),
  { retargets: true, survivesOutage: true, survivesPodErrors: true, halfCloseReachesPod: false },
);
