import { Service } from '@localport/domain';
import { DoctorDeclarations, kubeServices } from './doctor-targets';
import { CheckResult, fail, pass, warn } from './doctor-check';
import { KubectlDiagnostics } from './doctor-probes.port';
import { minorSkew, SUPPORTED_KUBECTL_SKEW } from './kubectl-skew';

const ctxName = (c: string | undefined) => c ?? '(current context)';
const ctxFlag = (c: string | undefined) => (c ? ` --context ${c}` : '');

/** For the services whose technology asks for them: kubectl present; per context: reachable, version skew, and allowed to list pods in each namespace used. */
export async function kubectlChecks(services: readonly Service[], declared: DoctorDeclarations, kubectl: KubectlDiagnostics): Promise<CheckResult[]> {
  const kube = kubeServices(services, declared);
  if (kube.length === 0) return [];
  const client = await kubectl.clientVersion();
  if (!client.ok && !kube.some((s) => s.needsBinary)) {
    return [warn('kubectl.present', 'kubectl', `${client.error.message}; the services forward natively and do not need it, but the doctor uses it to check their contexts`, 'install kubectl to let the doctor check contexts, or ignore this')];
  }
  if (!client.ok) return [fail('kubectl.present', 'kubectl', client.error.message, 'install kubectl (https://kubernetes.io/docs/tasks/tools/) or point LOCALPORT_KUBECTL at it')];
  const checks: CheckResult[] = [pass('kubectl.present', 'kubectl', `client ${client.value.text}`)];
  const contexts = [...new Set(kube.map((s) => s.kubeContext))];
  const perContext = await Promise.all(contexts.map(async (context) => {
    const users = kube.filter((s) => s.kubeContext === context);
    const names = users.map((s) => s.name).join(', ');
    const id = `kubectl.context:${ctxName(context)}`;
    const title = `context ${ctxName(context)} (${names})`;
    const server = await kubectl.serverVersion(context);
    if (!server.ok) {
      const unknown = /does not exist|not found|no context|current-context is not set/i.test(server.error.message);
      const fix = unknown
        ? `the context is not in your kubeconfig: list them with 'kubectl config get-contexts' and fix connection.context of ${names}`
        : `check the cluster and your network/VPN: 'kubectl${ctxFlag(context)} cluster-info'`;
      return [fail(id, title, server.error.message, fix)];
    }
    const skew = minorSkew(client.value, server.value);
    const out: CheckResult[] = [pass(id, title, `reachable, server ${server.value.text}`)];
    if (skew > SUPPORTED_KUBECTL_SKEW) {
      out.push(warn(`${id}:version`, `kubectl version against ${ctxName(context)}`, `kubectl ${client.value.text} and server ${server.value.text} are ${skew} minor versions apart (supported: ±${SUPPORTED_KUBECTL_SKEW})`, `install kubectl 1.${server.value.minor} (or within one minor of it)`));
    }
    for (const namespace of [...new Set(users.map((s) => s.namespace))]) {
      const allowed = await kubectl.canListPods(context, namespace);
      out.push(allowed.ok
        ? pass(`${id}:auth:${namespace}`, `access to namespace ${namespace} in ${ctxName(context)}`, 'may list pods')
        : fail(`${id}:auth:${namespace}`, `access to namespace ${namespace} in ${ctxName(context)}`, allowed.error.message, `refresh your credentials (e.g. your cloud's login command) or ask for RBAC 'get/list pods' and 'create pods/portforward'; check with 'kubectl${ctxFlag(context)} -n ${namespace} auth can-i list pods'`));
    }
    return out;
  }));
  return [...checks, ...perContext.flat()];
}
