import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CellOutputs, type DisplayIndex } from '../../lib/notebooks/cell-outputs';
import { parseErrorText, stripAnsi } from '../../lib/notebooks/kernel-error-text';
import { newMessage, type JupyterMessage } from '../../lib/notebooks/wire-message';

function iopub(msgType: string, content: Record<string, unknown>): JupyterMessage {
  return newMessage(msgType, content, 'test-session');
}

test('stream chunks of the same name merge; a different stream starts a new output', () => {
  const cell = new CellOutputs();
  for (const [name, text] of [['stdout', 'a'], ['stdout', 'b\n'], ['stderr', 'warn\n'], ['stdout', 'c\n']]) cell.add(iopub('stream', { name, text }));
  cell.add(iopub('status', { execution_state: 'idle' }));
  assert.deepEqual(cell.outputs, [
    { output_type: 'stream', name: 'stdout', text: 'ab\n' },
    { output_type: 'stream', name: 'stderr', text: 'warn\n' },
    { output_type: 'stream', name: 'stdout', text: 'c\n' },
  ]);
});

test('update_display_data replaces the data shown under its display id, also in an earlier cell', () => {
  const displays: DisplayIndex = new Map();
  const first = new CellOutputs(displays);
  first.add(iopub('display_data', { data: { 'text/plain': 'loading' }, metadata: {}, transient: { display_id: 'd1' } }));
  first.add(iopub('display_data', { data: { 'text/html': '<b>x</b>' }, metadata: {}, transient: {} }));
  const second = new CellOutputs(displays);
  second.add(iopub('update_display_data', { data: { 'text/plain': 'done' }, metadata: { isolated: true }, transient: { display_id: 'd1' } }));
  second.add(iopub('execute_result', { execution_count: 3, data: { 'text/plain': '42' }, metadata: {} }));
  assert.deepEqual(first.outputs, [
    { output_type: 'display_data', data: { 'text/plain': 'done' }, metadata: { isolated: true } },
    { output_type: 'display_data', data: { 'text/html': '<b>x</b>' }, metadata: {} },
  ]);
  assert.deepEqual(second.outputs, [{ output_type: 'execute_result', execution_count: 3, data: { 'text/plain': '42' }, metadata: {} }]);
});

test('clear_output empties the cell at once, or with wait just before the next output', () => {
  const cell = new CellOutputs();
  cell.add(iopub('stream', { name: 'stdout', text: 'old\n' }));
  cell.add(iopub('clear_output', { wait: false }));
  assert.deepEqual(cell.outputs, []);
  cell.add(iopub('stream', { name: 'stdout', text: '1\n' }));
  cell.add(iopub('clear_output', { wait: true }));
  assert.equal(cell.outputs.length, 1, 'kept until the next output');
  cell.add(iopub('stream', { name: 'stdout', text: '2\n' }));
  assert.deepEqual(cell.outputs, [{ output_type: 'stream', name: 'stdout', text: '2\n' }]);
});

test('an error message becomes an error output', () => {
  const cell = new CellOutputs();
  cell.add(iopub('error', { ename: 'ValueError', evalue: 'bad', traceback: ['line 1'] }));
  assert.deepEqual(cell.error, { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['line 1'] });
});

test("tslab's stderr for a thrown error reads back as name, message and the notebook's frames", () => {
  const stderr = 'before\nevalmachine.<anonymous>:2\nthrow new RangeError("too far");\n^\n\nRangeError: too far\n' +
    '    at evalmachine.<anonymous>:2:7\n    at Script.runInThisContext (node:vm:135:14)\n' +
    '    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)\n';
  assert.deepEqual(parseErrorText(stderr), {
    ename: 'RangeError',
    evalue: 'too far',
    traceback: ['RangeError: too far', '    at evalmachine.<anonymous>:2:7'],
    start: 'before\n'.length,
  });
  assert.deepEqual(parseErrorText('Error [ERR_X]: no way\n'), { ename: 'Error', evalue: 'no way', traceback: ['Error [ERR_X]: no way'], start: 0 });
});

test('TypeScript diagnostics at the end of stderr are one TypeScriptError', () => {
  const stderr = "1:7 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'x'.\n";
  assert.deepEqual(parseErrorText(stderr), {
    ename: 'TypeScriptError',
    evalue: "1:7 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'x'.",
    traceback: ["1:7 - Type 'string' is not assignable to type 'number'.", "2:1 - Cannot find name 'x'."],
    start: 0,
  });
});

test('anything else thrown is an Error with the last line as message; ANSI codes are removed', () => {
  assert.deepEqual(parseErrorText('just a string\n'), { ename: 'Error', evalue: 'just a string', traceback: ['just a string'], start: 13 });
  assert.equal(stripAnsi('\x1b[31mTypeError\x1b[39m: x'), 'TypeError: x');
});
