import { BenchService } from './bench-config';
import { freePorts } from './free-ports';

/** `n` services, alternating ssh and kubectl, named `<prefix>-ssh-<i>` / `<prefix>-kube-<i>`, on free local ports. */
export async function serviceMix(prefix: string, n: number, sshOptions?: Readonly<Record<string, string>>): Promise<BenchService[]> {
  const ports = await freePorts(n);
  return ports.map((localPort, i) =>
    i % 2 === 0
      ? { name: `${prefix}-ssh-${i}`, technology: 'ssh', localPort, ...(sshOptions ? { sshOptions } : {}) }
      : { name: `${prefix}-kube-${i}`, technology: 'kubectl', localPort },
  );
}
