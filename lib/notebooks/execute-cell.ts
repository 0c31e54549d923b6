import { CellOutputs, type DisplayIndex } from './cell-outputs';
import { parseErrorText, stripAnsi } from './kernel-error-text';
import type { KernelProcess } from './kernel-process';
import { joinText, type ErrorOutput, type Output } from './nbformat';
import type { JupyterMessage } from './wire-message';

/** How one cell's execution ended. */
export interface CellExecution {
  /** `timeout`: the cell ran past its time and was interrupted (or did not even stop then). */
  status: 'ok' | 'error' | 'timeout';
  executionCount: number | null;
  outputs: Output[];
  /** The error output, for `error` (made from stderr when the kernel sent none, as tslab does). */
  error?: ErrorOutput;
  /** When the kernel went busy with the cell (ISO). */
  started: string;
  /** When the kernel replied (ISO). */
  ended: string;
  /** True when the kernel stopped the cell after an interrupt; false when it had to be left running. */
  stopped: boolean;
}

/** Options for one cell. */
export interface ExecuteCellOptions {
  /** Interrupt the cell after this long. */
  timeoutMs: number;
  /** How long to wait for the cell to stop after the interrupt. */
  interruptGraceMs?: number;
  /** Display ids seen in earlier cells of the run, for `update_display_data`. */
  displays?: DisplayIndex;
}

/** The stderr text at the end of the outputs is the error tslab printed: turn it into an error output. */
function errorFromStderr(outputs: Output[]): ErrorOutput {
  const last = outputs[outputs.length - 1];
  if (last?.output_type !== 'stream' || last.name !== 'stderr') {
    return { output_type: 'error', ename: 'Error', evalue: 'the cell failed without printing an error', traceback: [] };
  }
  const text = joinText(last.text);
  const parsed = parseErrorText(stripAnsi(text));
  const before = text.slice(0, parsed.start);
  if (before.trim() === '') outputs.pop();
  else last.text = before;
  return { output_type: 'error', ename: parsed.ename, evalue: parsed.evalue, traceback: parsed.traceback };
}

/**
 * Runs `code` as one cell: an `execute_request` on shell, then the iopub messages for it until
 * the kernel is idle again, plus the shell reply. A cell still running after `timeoutMs` is
 * interrupted (SIGINT); the result says whether it stopped.
 */
export async function executeCell(kernel: KernelProcess, code: string, options: ExecuteCellOptions): Promise<CellExecution> {
  const collected = new CellOutputs(options.displays);
  let started = new Date().toISOString();
  let markIdle!: () => void;
  const idle = new Promise<void>((resolve) => (markIdle = resolve));
  const { msgId, reply } = kernel.request('execute_request', {
    code,
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: true,
  });
  const unwatch = kernel.watchIopub(msgId, (msg) => {
    if (msg.header.msg_type === 'status') {
      if (msg.content.execution_state === 'busy') started = new Date().toISOString();
      if (msg.content.execution_state === 'idle') markIdle();
    } else collected.add(msg);
  });
  let ended = '';
  const done = Promise.all([
    reply.then((r) => {
      ended = new Date().toISOString();
      return r;
    }),
    idle,
  ]).then(([r]) => r);
  done.catch(() => undefined);
  try {
    let answer: JupyterMessage | undefined = await within(done, options.timeoutMs);
    let status: CellExecution['status'] = 'ok';
    let stopped = true;
    if (!answer) {
      status = 'timeout';
      kernel.interrupt();
      answer = await within(done, options.interruptGraceMs ?? 5000);
      stopped = answer !== undefined;
    } else if (answer.content.status !== 'ok') status = 'error';
    const outputs = collected.outputs;
    let error = collected.error;
    if (status === 'timeout') {
      // drop tslab's "Interrupted asynchronously" text: the timeout error says it better
      if (stopped && !error && answer?.content.status !== 'ok') errorFromStderr(outputs);
      const seconds = options.timeoutMs / 1000;
      error = {
        output_type: 'error',
        ename: 'CellTimeoutError',
        evalue: `the cell ran longer than ${seconds} s and ${stopped ? 'was interrupted' : 'did not stop when interrupted'}`,
        traceback: [],
      };
      outputs.push(error);
    }
    if (status === 'error' && !error) {
      error = /^abort/.test(String(answer?.content.status))
        ? { output_type: 'error', ename: 'Aborted', evalue: 'the kernel aborted the cell without running it', traceback: [] }
        : errorFromStderr(outputs);
      outputs.push(error);
    }
    return {
      status,
      executionCount: typeof answer?.content.execution_count === 'number' ? answer.content.execution_count : null,
      outputs,
      error,
      started,
      ended: ended || new Date().toISOString(),
      stopped,
    };
  } finally {
    unwatch();
  }
}

/** `promise`'s value, or undefined when it takes longer than `ms`; the timer never outlives it. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timeout: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timeout = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timeout);
  }
}
