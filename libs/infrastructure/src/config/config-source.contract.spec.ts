import { describeConfigSourceContract } from '@localport/application/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { FileConfigSource } from '.';

const yaml = (localPort: number) => `version: "1.0"\nservices:\n  - {name: api, technology: kubectl, local_port: ${localPort}, remote_port: 80, connection: {resource_name: api, context: dev}}\n`;

describeConfigSourceContract('FileConfigSource (a real file, fs.watch and the mtime poll)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lp-config-contract-'));
  const path = join(dir, 'localport.yaml');
  await writeFile(path, yaml(8080));
  return {
    source: new FileConfigSource(path, { debounceMs: 100, pollIntervalMs: 100 }),
    writeValid: (localPort) => writeFile(path, yaml(localPort)),
    writeInvalid: () => writeFile(path, yaml(70000)),
    settle: () => delay(500),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
