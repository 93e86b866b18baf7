/**
 * A config of `ports.length` tcp services to 127.0.0.1:`target`, written as a user would: the first service
 * holds an anchor and every other one merges it (`<<: *svc`) and overrides its name and local port.
 */
export function massConfigYaml(ports: readonly number[], target: number): string {
  const lines = [
    'version: "1.0"',
    'defaults:',
    '  health_check: { type: tcp, interval: 5, timeout: 2, failure_threshold: 3 }',
    'services:',
    '  - &svc',
    '    name: svc-0000',
    '    technology: tcp',
    `    local_port: ${ports[0]}`,
    `    connection: { host: 127.0.0.1, port: ${target} }`,
    '    tags: [mass]',
  ];
  for (let i = 1; i < ports.length; i++) lines.push('  - <<: *svc', `    name: svc-${String(i).padStart(4, '0')}`, `    local_port: ${ports[i]}`);
  return `${lines.join('\n')}\n`;
}
