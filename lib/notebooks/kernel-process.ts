import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as zmq from 'zeromq';
import { writeConnectionFile, type ConnectionInfo } from './connection-file';
import { decodeMessage, encodeMessage, newMessage, type JupyterMessage } from './wire-message';

/** How to start a kernel. */
export interface KernelStartOptions {
  /** The kernel's working folder: tslab compiles relative imports from there (the notebook's folder). */
  cwd: string;
  /** Added to this process's environment. */
  env?: Record<string, string | undefined>;
  /** Give up when the kernel has not answered `kernel_info_request` after this long (default 30 s). */
  startTimeoutMs?: number;
  /** Called once the process is spawned, before it answers: tslab takes seconds to start, time for other work. */
  onSpawn?: () => void;
}

/** What the kernel says about itself in its `kernel_info_reply`. */
export interface KernelInfo {
  protocol_version?: string;
  implementation: string;
  implementation_version: string;
  language_info: { name: string; version?: string; file_extension?: string; mimetype?: string; [key: string]: unknown };
  banner?: string;
}

/** The kernel could not be started, or stopped answering. */
export class KernelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelError';
  }
}

const LOG_LIMIT = 64 * 1024;

/**
 * The project's own tslab launcher, resolved from here so no PATH lookup is involved. It is the
 * package's `bin/tslab` (which calls `dist/main.js`'s `main()`): `dist/main.js` alone only
 * defines `main` and exits at once.
 */
function tslabLauncher(): string {
  return require.resolve('tslab/bin/tslab');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A running tslab kernel and this process's side of the Jupyter protocol: shell and control
 * (DEALER) for requests, iopub (SUB) for what the kernel publishes. Start one with
 * `KernelProcess.start`; always `shutdown()` it.
 */
export class KernelProcess {
  readonly #child: ChildProcess;
  readonly #dir: string;
  readonly #info: ConnectionInfo;
  readonly #session = randomUUID();
  readonly #shell = new zmq.Dealer({ linger: 0 });
  readonly #control = new zmq.Dealer({ linger: 0 });
  readonly #iopub = new zmq.Subscriber({ linger: 0 });
  readonly #replies = new Map<string, { resolve: (m: JupyterMessage) => void; reject: (e: Error) => void }>();
  readonly #watchers = new Map<string, (m: JupyterMessage) => void>();
  readonly #exited: Promise<void>;
  readonly #killOnExit = () => this.#child.kill('SIGKILL');
  #log = '';
  #exit: string | undefined;
  #closed = false;
  #kernelInfo: KernelInfo | undefined;

  private constructor(child: ChildProcess, dir: string, info: ConnectionInfo) {
    this.#child = child;
    this.#dir = dir;
    this.#info = info;
    const keep = (chunk: Buffer) => {
      this.#log = (this.#log + chunk.toString()).slice(-LOG_LIMIT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#exit = signal ? `signal ${signal}` : `code ${code}`;
        const error = new KernelError(`the kernel exited (${this.#exit})${this.#tailForError()}`);
        for (const pending of this.#replies.values()) pending.reject(error);
        this.#replies.clear();
        resolve();
      });
      child.once('error', (error) => {
        this.#exit = `failed to start: ${error.message}`;
        resolve();
      });
    });
    process.once('exit', this.#killOnExit);
  }

  /** Starts the project's tslab in `options.cwd` and waits until it answers. */
  static async start(options: KernelStartOptions): Promise<KernelProcess> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-kernel-'));
    let kernel: KernelProcess | undefined;
    try {
      const { file, info } = await writeConnectionFile(dir);
      const child = spawn(process.execPath, [tslabLauncher(), 'kernel', '--config-path', file], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      kernel = new KernelProcess(child, dir, info);
      kernel.#connect();
      options.onSpawn?.();
      await kernel.#waitUntilReady(options.startTimeoutMs ?? 30_000);
      return kernel;
    } catch (error) {
      if (kernel) await kernel.shutdown(0);
      else fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The kernel's `kernel_info_reply` content. */
  get info(): KernelInfo {
    return this.#kernelInfo!;
  }

  /** The kernel's process id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** True while the kernel process runs. */
  get running(): boolean {
    return this.#exit === undefined;
  }

  /** The last `lines` lines the kernel wrote to stdout/stderr outside of cells. */
  logTail(lines = 30): string {
    return this.#log.trimEnd().split('\n').slice(-lines).join('\n');
  }

  /**
   * Sends a request and returns its id (to watch iopub for it) and its reply, which rejects if
   * the kernel exits first.
   */
  request(msgType: string, content: Record<string, unknown>, channel: 'shell' | 'control' = 'shell'): { msgId: string; reply: Promise<JupyterMessage> } {
    const msg = newMessage(msgType, content, this.#session);
    const msgId = msg.header.msg_id;
    const reply = new Promise<JupyterMessage>((resolve, reject) => {
      if (!this.running) return reject(new KernelError(`the kernel is not running (${this.#exit})`));
      this.#replies.set(msgId, { resolve, reject });
      const socket = channel === 'shell' ? this.#shell : this.#control;
      socket.send(encodeMessage(msg, this.#info.key)).catch((error: Error) => {
        this.#replies.delete(msgId);
        reject(error);
      });
    });
    return { msgId, reply };
  }

  /** Calls `onMessage` for every iopub message whose parent is `parentId`, until the returned function is called. */
  watchIopub(parentId: string, onMessage: (msg: JupyterMessage) => void): () => void {
    this.#watchers.set(parentId, onMessage);
    return () => this.#watchers.delete(parentId);
  }

  /** Interrupts the running cell: tslab handles SIGINT by abandoning the cell's pending await. */
  interrupt(): void {
    if (this.running) this.#child.kill('SIGINT');
  }

  /** Resolves when the kernel process has exited. */
  waitForExit(timeoutMs: number): Promise<boolean> {
    return Promise.race([this.#exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  }

  /**
   * Asks the kernel to shut down (on control), kills it if it has not exited after `graceMs`,
   * closes the sockets and removes the connection file's folder. Safe to call twice.
   */
  async shutdown(graceMs = 2000): Promise<void> {
    if (this.running && graceMs > 0) {
      const { reply } = this.request('shutdown_request', { restart: false }, 'control');
      reply.catch(() => undefined);
      await this.waitForExit(graceMs);
    }
    if (this.running) {
      this.#child.kill('SIGKILL');
      await this.waitForExit(5000);
    }
    process.removeListener('exit', this.#killOnExit);
    if (!this.#closed) {
      this.#closed = true;
      this.#shell.close();
      this.#control.close();
      this.#iopub.close();
    }
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }

  #connect(): void {
    const url = (port: number) => `${this.#info.transport}://${this.#info.ip}:${port}`;
    this.#shell.connect(url(this.#info.shell_port));
    this.#control.connect(url(this.#info.control_port));
    this.#iopub.connect(url(this.#info.iopub_port));
    this.#iopub.subscribe();
    void this.#readReplies(this.#shell);
    void this.#readReplies(this.#control);
    void this.#readIopub();
  }

  async #readReplies(socket: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const msg = this.#decode(frames);
        const id = msg?.parent_header.msg_id;
        const pending = id === undefined ? undefined : this.#replies.get(id);
        if (pending && id !== undefined) {
          this.#replies.delete(id);
          pending.resolve(msg!);
        }
      }
    } catch {
      // the socket was closed
    }
  }

  async #readIopub(): Promise<void> {
    try {
      for await (const frames of this.#iopub) {
        const msg = this.#decode(frames);
        const id = msg?.parent_header.msg_id;
        if (id !== undefined) this.#watchers.get(id)?.(msg!);
      }
    } catch {
      // the socket was closed
    }
  }

  /** Messages with a bad signature are dropped: they did not come from our kernel. */
  #decode(frames: Buffer[]): JupyterMessage | undefined {
    try {
      return decodeMessage(frames, this.#info.key);
    } catch {
      return undefined;
    }
  }

  /**
   * Repeats `kernel_info_request` until the kernel replies on shell AND its status for that
   * request arrives on iopub: a subscriber misses what is published before it is connected.
   */
  async #waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new KernelError(`the kernel exited while starting (${this.#exit})${this.#tailForError()}`);
      const { msgId, reply } = this.request('kernel_info_request', {});
      let idle = false;
      let markIdle = () => {};
      const idleSeen = new Promise<void>((resolve) => (markIdle = resolve));
      const stop = this.watchIopub(msgId, (m) => {
        if (m.header.msg_type !== 'status' || m.content.execution_state !== 'idle') return;
        idle = true;
        markIdle();
      });
      reply.catch(() => undefined);
      const answer = await Promise.race([reply.catch(() => undefined), sleep(1000).then(() => undefined)]);
      // The status follows the reply within milliseconds, unless iopub is not connected yet.
      if (answer && !idle) await Promise.race([idleSeen, sleep(200)]);
      stop();
      if (answer && idle) {
        this.#kernelInfo = answer.content as KernelInfo;
        return;
      }
      this.#replies.delete(msgId);
    }
    throw new KernelError(`the kernel did not answer within ${Math.round(timeoutMs / 1000)} s${this.#tailForError()}`);
  }

  #tailForError(): string {
    const tail = this.logTail();
    return tail ? `; its last output:\n${tail}` : '';
  }
}
