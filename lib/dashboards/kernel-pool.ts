import { executeCell } from '../notebooks/execute-cell';
import { KernelError, KernelProcess, type KernelStartOptions } from '../notebooks/kernel-process';

/** How a pool starts its kernels. */
export interface KernelPoolOptions extends KernelStartOptions {
  /** Kernels kept started and warm (those in use count). */
  size: number;
  /** Code each kernel runs once before it is handed out (loads the library and the compiler). */
  warmUp?: string;
  /** Time limit for the warm-up cell (default 60 s). */
  warmUpTimeoutMs?: number;
  /** Told about kernels that failed to start, which a request would not otherwise see. */
  onStartFailure?: (error: Error) => void;
}

/**
 * Warm tslab kernels, each used for one run only: `take()` hands one out, the caller runs its
 * cells and `discard()`s it, and the pool starts a replacement in the background, so no state
 * passes from one viewer to the next.
 */
export class KernelPool {
  readonly #options: KernelPoolOptions;
  readonly #ready: KernelProcess[] = [];
  readonly #waiting: { resolve: (k: KernelProcess) => void; reject: (e: Error) => void }[] = [];
  readonly #inUse = new Set<KernelProcess>();
  readonly #starts = new Set<Promise<void>>();
  #lastError: Error | undefined;
  #closed = false;

  constructor(options: KernelPoolOptions) {
    if (!(options.size >= 1)) throw new RangeError(`a kernel pool needs at least one kernel (got ${options.size})`);
    this.#options = options;
  }

  /** Starts the missing kernels and resolves when every start has ended; rejects when none could start. */
  async fill(): Promise<void> {
    this.#topUp();
    await Promise.all([...this.#starts]);
    if (this.#ready.length === 0 && this.#inUse.size === 0 && this.#lastError) throw this.#lastError;
  }

  /** Kernels ready to be taken now. */
  get readyCount(): number {
    return this.#ready.length;
  }

  /** A warm kernel, waiting for one when all are busy or starting. */
  take(): Promise<KernelProcess> {
    if (this.#closed) return Promise.reject(new KernelError('the kernel pool is closed'));
    const kernel = this.#ready.shift();
    if (kernel) {
      this.#inUse.add(kernel);
      return Promise.resolve(kernel);
    }
    const taken = new Promise<KernelProcess>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    this.#topUp();
    return taken;
  }

  /** Shuts a used kernel down, then starts its replacement. */
  async discard(kernel: KernelProcess): Promise<void> {
    await kernel.shutdown(0);
    this.#inUse.delete(kernel);
    this.#topUp();
  }

  /** Shuts every kernel down (ready, in use, and those still starting); waiting takers are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new KernelError('the kernel pool is closed'));
    const kernels = [...this.#ready.splice(0), ...this.#inUse];
    this.#inUse.clear();
    await Promise.all([...kernels.map((k) => k.shutdown(0)), ...this.#starts]);
  }

  #topUp(): void {
    // A used kernel's replacement starts when it is discarded, not while its run still needs the
    // CPU. A failed start is retried only when someone asks again, never in a loop.
    while (!this.#closed && this.#ready.length + this.#starts.size + this.#inUse.size < this.#options.size) {
      const start: Promise<void> = this.#startOne().finally(() => this.#starts.delete(start));
      this.#starts.add(start);
    }
  }

  async #startOne(): Promise<void> {
    let kernel: KernelProcess | undefined;
    try {
      kernel = await KernelProcess.start(this.#options);
      if (this.#options.warmUp) {
        const run = await executeCell(kernel, this.#options.warmUp, { timeoutMs: this.#options.warmUpTimeoutMs ?? 60_000 });
        if (run.status !== 'ok') throw new KernelError(`the kernel's warm-up cell failed: ${run.error?.ename}: ${run.error?.evalue}`);
      }
    } catch (error) {
      await kernel?.shutdown(0);
      this.#lastError = error as Error;
      this.#options.onStartFailure?.(error as Error);
      // waiters that no other start or running kernel will serve learn why, rather than waiting forever
      const others = this.#starts.size - 1 + this.#inUse.size;
      while (this.#waiting.length > others) this.#waiting.shift()!.reject(error as Error);
      return;
    }
    if (this.#closed) return kernel.shutdown(0);
    this.#lastError = undefined;
    const waiter = this.#waiting.shift();
    if (waiter) {
      this.#inUse.add(kernel);
      waiter.resolve(kernel);
    } else this.#ready.push(kernel);
  }
}
