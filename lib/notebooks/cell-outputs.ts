import type { DisplayDataOutput, ErrorOutput, ExecuteResultOutput, Output } from './nbformat';
import type { JupyterMessage } from './wire-message';

/** Outputs shown with a `transient.display_id`, by that id, across the cells of one run. */
export type DisplayIndex = Map<string, (DisplayDataOutput | ExecuteResultOutput)[]>;

/**
 * Turns one cell's iopub messages into nbformat outputs the way Jupyter front ends do:
 * consecutive stream chunks of the same name merge, `update_display_data` replaces the data of
 * every earlier output with the same display id (in any cell of the run), `clear_output`
 * empties the cell (with `wait`, just before the next output arrives).
 */
export class CellOutputs {
  readonly outputs: Output[] = [];
  #clearPending = false;

  constructor(private readonly displays: DisplayIndex = new Map()) {}

  /** Applies one iopub message; other message types (status, execute_input) are ignored. */
  add(msg: JupyterMessage): void {
    const c = msg.content;
    switch (msg.header.msg_type) {
      case 'stream':
        this.#beforeOutput();
        this.#addStream(c.name === 'stderr' ? 'stderr' : 'stdout', String(c.text ?? ''));
        break;
      case 'display_data':
      case 'execute_result': {
        this.#beforeOutput();
        const output: DisplayDataOutput | ExecuteResultOutput =
          msg.header.msg_type === 'display_data'
            ? { output_type: 'display_data', data: c.data ?? {}, metadata: c.metadata ?? {} }
            : { output_type: 'execute_result', execution_count: c.execution_count ?? null, data: c.data ?? {}, metadata: c.metadata ?? {} };
        this.outputs.push(output);
        const id = c.transient?.display_id;
        if (typeof id === 'string') this.displays.set(id, [...(this.displays.get(id) ?? []), output]);
        break;
      }
      case 'update_display_data': {
        const id = c.transient?.display_id;
        for (const output of (typeof id === 'string' && this.displays.get(id)) || []) {
          output.data = c.data ?? {};
          output.metadata = c.metadata ?? {};
        }
        break;
      }
      case 'error':
        this.#beforeOutput();
        this.outputs.push({ output_type: 'error', ename: String(c.ename), evalue: String(c.evalue), traceback: c.traceback ?? [] });
        break;
      case 'clear_output':
        if (c.wait) this.#clearPending = true;
        else this.outputs.length = 0;
        break;
    }
  }

  /** The first error output, if the kernel sent one. */
  get error(): ErrorOutput | undefined {
    return this.outputs.find((o): o is ErrorOutput => o.output_type === 'error');
  }

  #beforeOutput(): void {
    if (this.#clearPending) this.outputs.length = 0;
    this.#clearPending = false;
  }

  #addStream(name: 'stdout' | 'stderr', text: string): void {
    const last = this.outputs[this.outputs.length - 1];
    if (last?.output_type === 'stream' && last.name === name) last.text = `${last.text}${text}`;
    else this.outputs.push({ output_type: 'stream', name, text });
  }
}
