import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The connection file a kernel is started with: where its five sockets listen and the signing key. */
export interface ConnectionInfo {
  ip: string;
  transport: 'tcp';
  signature_scheme: 'hmac-sha256';
  key: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  kernel_name: string;
}

/** Five distinct free ports; ports are held open together so the system cannot hand one out twice. */
async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      servers.push(server);
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** Writes a connection file (127.0.0.1, five free ports, a random key) readable by the owner only. */
export async function writeConnectionFile(dir: string, kernelName = 'tslab'): Promise<{ file: string; info: ConnectionInfo }> {
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = await freePorts(5);
  const info: ConnectionInfo = {
    ip: '127.0.0.1',
    transport: 'tcp',
    signature_scheme: 'hmac-sha256',
    key: randomBytes(32).toString('hex'),
    shell_port,
    iopub_port,
    stdin_port,
    control_port,
    hb_port,
    kernel_name: kernelName,
  };
  const file = path.join(dir, 'kernel.json');
  fs.writeFileSync(file, JSON.stringify(info, null, 2), { mode: 0o600 });
  return { file, info };
}
