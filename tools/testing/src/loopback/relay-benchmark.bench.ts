/**
 * Relay benchmark (not a test). Run: `npx esbuild tools/testing/src/loopback/relay-benchmark.bench.ts --bundle
 * --platform=node --log-level=warning | node - [MB]`. Compares a download of MB megabytes and a 1-byte ping-pong
 * direct vs through TcpListenerFactory's relay, and an ssh tunnel used directly vs behind the relay (as LocalPort runs it).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForwardListener, UpstreamEndpoint } from '@localport/application';
import { unwrap } from '@localport/domain';
import { TcpListenerFactory } from '@localport/infrastructure';
import { startSshd } from '../sshd';
import { freePort } from './free-port';
import { startStreamServer } from './stream-test-server';
import { waitUntil } from './wait-until';

// Source and clients run in their own processes, as they would for real; the relay runs here, like in the daemon.
const SOURCE = `const net=require('net');const c=Buffer.alloc(65536,7);const total=Number(process.argv[1])*1048576;
net.createServer(s=>{let n=0;s.on('error',()=>{});const pump=()=>{while(n<total){n+=c.length;if(!s.write(c))return s.once('drain',pump)}s.end()};pump()})
.listen(0,'127.0.0.1',function(){console.log(this.address().port)})`;
const DOWNLOAD = `const net=require('net');const s=net.connect(Number(process.argv[1]),'127.0.0.1');let n=0;const t=process.hrtime.bigint();
s.on('data',c=>n+=c.length);s.on('end',()=>{console.log(n/1048576/(Number(process.hrtime.bigint()-t)/1e9));s.destroy()})`;
const PING = `const net=require('net');const s=net.connect({port:Number(process.argv[1]),host:'127.0.0.1',noDelay:true},()=>{const n=5000,l=[];let i=0,t;
const one=()=>{t=process.hrtime.bigint();s.write('x')};s.on('data',()=>{l.push(Number(process.hrtime.bigint()-t)/1e3);if(++i<n)one();else{l.sort((a,b)=>a-b);console.log(l[n>>1]);s.destroy()}});one()})`;

// Asynchronous on purpose: the relay under test shares this process's event loop.
const node = (code: string, arg: number) =>
  new Promise<number>((resolve, reject) => execFile(process.execPath, ['-e', code, String(arg)], (e, out) => (e ? reject(e) : resolve(Number(out.trim())))));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function relayTo(endpoint: UpstreamEndpoint): Promise<ForwardListener> {
  const source = { acquire: async () => endpoint, reportDialFailure: () => undefined };
  return unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, source, { connectTimeoutMs: 5_000 }));
}

function portFrom(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
}

async function main(): Promise<void> {
  const mb = Number(process.argv[2] ?? 512);
  const source = spawn(process.execPath, ['-e', SOURCE, String(mb)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const sourcePort = await portFrom(source);
  const echo = await startStreamServer();
  const echoPort = echo.endpoint.kind === 'tcp' ? echo.endpoint.port : 0;
  const direct = await relayTo({ kind: 'tcp', host: '127.0.0.1', port: sourcePort });
  const echoRelay = await relayTo(echo.endpoint);
  const sshd = await startSshd();
  const dir = await mkdtemp(join(tmpdir(), 'lp-bench-'));
  const sock = join(dir, 'tunnel.sock');
  const sshPort = await freePort();
  const opts = Object.entries(sshd.clientOptions).flatMap(([k, v]) => ['-o', `${k}=${v}`]);
  const ssh = spawn('ssh', ['-N', '-p', String(sshd.port), '-i', sshd.clientKeyFile, ...opts, '-o', 'ExitOnForwardFailure=yes', '-o', 'BatchMode=yes',
    '-L', `127.0.0.1:${sshPort}:127.0.0.1:${sourcePort}`, '-L', `${sock}:127.0.0.1:${sourcePort}`, `${sshd.user}@127.0.0.1`], { stdio: 'ignore' });
  const viaSsh = await relayTo({ kind: 'unix', path: sock });
  try {
    await waitUntil(() => existsSync(sock), 10_000, 'ssh tunnel socket');
    const rows: Record<string, number[]> = { direct: [], relay: [], ssh: [], 'relay+ssh': [], 'ping direct': [], 'ping relay': [] };
    for (let round = 0; round < 5; round++) {
      rows.direct.push(await node(DOWNLOAD, sourcePort));
      rows.relay.push(await node(DOWNLOAD, direct.port));
      rows.ssh.push(await node(DOWNLOAD, sshPort));
      rows['relay+ssh'].push(await node(DOWNLOAD, viaSsh.port));
      rows['ping direct'].push(await node(PING, echoPort));
      rows['ping relay'].push(await node(PING, echoRelay.port));
    }
    for (const [name, xs] of Object.entries(rows)) console.log(`${name.padEnd(12)} median ${median(xs).toFixed(1).padStart(8)} ${name.startsWith('ping') ? 'us p50' : 'MB/s'}   (${xs.map((x) => x.toFixed(0)).join(' ')})`);
    console.log(`relay/direct ${(median(rows.relay) / median(rows.direct)).toFixed(2)}x, relay+ssh/ssh ${(median(rows['relay+ssh']) / median(rows.ssh)).toFixed(2)}x, added p50 ${(median(rows['ping relay']) - median(rows['ping direct'])).toFixed(0)} us`);
  } finally {
    ssh.kill();
    source.kill();
    await Promise.all([direct.close(), echoRelay.close(), viaSsh.close(), echo.stop(), sshd.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
