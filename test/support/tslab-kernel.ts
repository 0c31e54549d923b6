/**
 * A real tslab kernel for tests: started from the project's node_modules with a fresh connection
 * file, driven over ZeroMQ with the Jupyter messaging protocol (shell: DEALER, iopub: SUB).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as zmq from 'zeromq';

/** One message the kernel published on iopub. */
export interface IopubMessage {
  msgType: string;
  content: Record<string, any>;
}

/** A running kernel: `execute` runs a cell and returns what it published; `close` stops it. */
export interface TestKernel {
  execute(code: string, timeoutMs?: number): Promise<IopubMessage[]>;
  close(): Promise<void>;
}

/** Starts a tslab kernel (TypeScript; `js` for the JavaScript one) and waits until it answers. */
export async function startTslabKernel(options: { js?: boolean } = {}): Promise<TestKernel> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tslab-test-'));
  const key = randomUUID();
  const [shell, iopub, stdin, control, hb] = await freePorts(5);
  const connectionFile = path.join(dir, 'connection.json');
  writeFileSync(connectionFile, JSON.stringify({
    transport: 'tcp', ip: '127.0.0.1', signature_scheme: 'hmac-sha256', key,
    shell_port: shell, iopub_port: iopub, stdin_port: stdin, control_port: control, hb_port: hb,
  }));
  const binary = path.resolve(__dirname, '../../../node_modules/tslab/bin/tslab');
  const child: ChildProcess = spawn(process.execPath, [binary, 'kernel', '--config-path', connectionFile, ...(options.js ? ['--js'] : [])], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));

  const dealer = new zmq.Dealer();
  const sub = new zmq.Subscriber();
  dealer.connect(`tcp://127.0.0.1:${shell}`);
  sub.connect(`tcp://127.0.0.1:${iopub}`);
  sub.subscribe();
  const session = randomUUID();
  const published: Array<{ parent: string; message: IopubMessage }> = [];
  const wake: { next: (() => void) | null } = { next: null };
  void (async () => {
    for await (const frames of sub) {
      const at = frames.findIndex((f) => f.toString() === '<IDS|MSG>');
      const header = JSON.parse(frames[at + 2].toString());
      const parent = JSON.parse(frames[at + 3].toString());
      published.push({ parent: parent.msg_id ?? '', message: { msgType: header.msg_type, content: JSON.parse(frames[at + 5].toString()) } });
      wake.next?.();
    }
  })().catch(() => undefined);

  const send = async (msgType: string, content: object): Promise<string> => {
    const header = { msg_id: randomUUID(), username: 'test', session, date: new Date().toISOString(), msg_type: msgType, version: '5.3' };
    const parts = [header, {}, {}, content].map((p) => JSON.stringify(p));
    const signature = createHmac('sha256', key).update(parts.join('')).digest('hex');
    await dealer.send(['<IDS|MSG>', signature, ...parts]);
    return header.msg_id;
  };
  /** Waits for the kernel to publish `idle` for a request. */
  const idleAfter = async (msgId: string, timeoutMs: number): Promise<IopubMessage[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mine = published.filter((p) => p.parent === msgId).map((p) => p.message);
      if (mine.some((m) => m.msgType === 'status' && m.content.execution_state === 'idle')) return mine;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no answer from the tslab kernel: ${stderr}`);
      await new Promise<void>((resolve) => {
        wake.next = resolve;
        setTimeout(resolve, 200);
      });
    }
  };

  // iopub subscriptions take a moment to reach the kernel: ask until one answer is published.
  const started = Date.now();
  for (;;) {
    const id = await send('kernel_info_request', {});
    try {
      await idleAfter(id, 2000);
      break;
    } catch (e) {
      if (Date.now() - started > 60_000 || child.exitCode !== null) throw e;
    }
  }
  return {
    execute: async (code, timeoutMs = 60_000) => idleAfter(await send('execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true }), timeoutMs),
    close: async () => {
      child.kill();
      dealer.close();
      sub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `n` TCP ports free right now on 127.0.0.1. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<import('node:net').Server>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
