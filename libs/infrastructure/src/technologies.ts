import { kubectlTechnology } from './kubectl/kubectl.technology';
import { sshTechnology } from './ssh/ssh.technology';
import { tcpTechnology } from './tcp/tcp.technology';
import { technologyRegistry } from './technology/technology-registry';

/**
 * Every technology LocalPort knows, in the order messages list them. Adding one is writing its folder
 * (see docs/adding-a-technology.md) and naming it here.
 */
export const TECHNOLOGIES = technologyRegistry(kubectlTechnology, sshTechnology, tcpTechnology);
