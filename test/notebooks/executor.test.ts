import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { joinText, type CodeCell, type Notebook } from '../../lib/notebooks/nbformat';
import { NotebookRunError, runNotebook, type CellProgress, type NotebookRunResult } from '../../lib/notebooks/run-notebook';
import { tempDir } from '../support/engines';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/notebooks');
const PACKAGE_VERSION = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function readJson(file: string): Notebook {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function code(nb: Notebook, id: string): CodeCell {
  const cell = nb.cells.find((c) => c.id === id);
  assert.ok(cell && cell.cell_type === 'code', `code cell ${id}`);
  return cell;
}

describe('runNotebook on report.ipynb with parameters (one run, a real tslab kernel)', () => {
  const out = path.join(tempDir(), 'report.out.ipynb');
  const progress: string[] = [];
  let result: NotebookRunResult;
  let written: Notebook;

  before(async () => {
    result = await runNotebook({
      input: path.join(FIXTURES, 'report.ipynb'),
      output: out,
      parameters: { guild: '562688621069467648123', minMessages: '7', channels: '["1","2"]' },
      env: { GUILDAUDIT_FIXTURE_VALUE: 'from-env' },
      dataVersion: 'import-12',
      timeoutSeconds: 60,
      onCell: (p: CellProgress) => progress.push(`${p.phase} ${p.cellNumber} ${p.ordinal}/${p.codeCells}`),
    });
    written = readJson(out);
  });

  test('the run values sit in an injected cell after the parameters cell, and the cells see them', () => {
    assert.deepEqual(written.cells.map((c) => c.id), ['intro', 'params', 'injected-parameters', 'cell-3', 'cell-4', 'cell-5', 'cell-6',
      'cell-7', 'cell-8', 'cell-9', 'cell-10', 'cell-11', 'outro']);
    assert.equal(joinText(code(written, 'injected-parameters').source),
      'const guild: string = "562688621069467648123";\nconst minMessages: number = 7;\nlet channels: string[] = ["1","2"];');
    assert.deepEqual(code(written, 'cell-3').outputs, [{ output_type: 'stream', name: 'stdout',
      text: '{"guild":"562688621069467648123","minMessages":7,"verbose":false,"channels":["1","2"]}\n' }]);
    // the last expression is printed by tslab, with the injected value
    assert.deepEqual(code(written, 'cell-10').outputs, [{ output_type: 'stream', name: 'stdout', text: '14\n' }]);
  });

  test('streams merge, displays keep their MIME type, an updated display shows its last data', () => {
    assert.deepEqual(code(written, 'cell-4').outputs, [{ output_type: 'display_data', data: { 'text/html': '<b>x</b>' }, metadata: {} }]);
    assert.deepEqual(code(written, 'cell-5').outputs, [{ output_type: 'display_data', data: { 'text/plain': 'second' }, metadata: {} }]);
    assert.deepEqual(code(written, 'cell-6').outputs, [
      { output_type: 'stream', name: 'stdout', text: 'ab\n' },
      { output_type: 'stream', name: 'stderr', text: 'warn\n' },
      { output_type: 'stream', name: 'stdout', text: 'c\n' },
    ]);
  });

  test('errors in raises-exception cells are outputs and the run goes on: a thrown RangeError, a type error', () => {
    const [thrown] = code(written, 'cell-7').outputs;
    assert.ok(thrown.output_type === 'error');
    assert.deepEqual([thrown.ename, thrown.evalue, thrown.traceback[0]], ['RangeError', 'expected here', 'RangeError: expected here']);
    assert.deepEqual(code(written, 'cell-8').outputs, [{ output_type: 'error', ename: 'TypeScriptError',
      evalue: "1:7 - Type 'string' is not assignable to type 'number'.", traceback: ["1:7 - Type 'string' is not assignable to type 'number'."] }]);
  });

  test("relative imports compile from the notebook's folder and the caller's env reaches the kernel", () => {
    assert.deepEqual(code(written, 'cell-9').outputs, [{ output_type: 'stream', name: 'stdout', text: '42 from-env\n' }]);
  });

  test('execution counts and times per cell; the blank cell is skipped; progress per cell', () => {
    const ids = ['params', 'injected-parameters', 'cell-3', 'cell-4', 'cell-5', 'cell-6', 'cell-7', 'cell-8', 'cell-9', 'cell-10'];
    assert.deepEqual(ids.map((id) => code(written, id).execution_count), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(code(written, 'cell-11').execution_count, null);
    for (const id of ids) {
      const times = code(written, id).metadata.execution as Record<string, string>;
      assert.match(times['iopub.execute_input'], ISO);
      assert.match(times['shell.execute_reply'], ISO);
      assert.ok(times['iopub.execute_input'] <= times['shell.execute_reply']);
    }
    assert.equal(result.cellsRun, 10);
    const expected = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].flatMap((n, i) => [`start ${n} ${i + 1}/10`, `end ${n} ${i + 1}/10`]);
    assert.deepEqual(progress, expected);
  });

  test('the run is recorded in the metadata (papermill and guildaudit)', () => {
    const parameters = { guild: '562688621069467648123', minMessages: 7, channels: ['1', '2'] };
    assert.deepEqual(written.metadata.papermill, { parameters });
    const record = written.metadata.guildaudit as Record<string, unknown>;
    assert.deepEqual({ ...record, started: 'x', ended: 'x' }, {
      parameters,
      started: 'x',
      ended: 'x',
      status: 'ok',
      libraryVersion: PACKAGE_VERSION,
      dataVersion: 'import-12',
      kernel: { name: 'tslab', version: '1.0.0', language: 'typescript 3.7.2' },
    });
    assert.match(record.started as string, ISO);
    assert.ok((record.started as string) <= (record.ended as string));
  });
});

describe('runNotebook failures', () => {
  test('the first failing cell stops the run; the error names it; the notebook up to it is written', async () => {
    const out = path.join(tempDir(), 'fails.out.ipynb');
    const input = path.join(FIXTURES, 'fails.ipynb');
    await assert.rejects(runNotebook({ input, output: out }), (error: unknown) => {
      assert.ok(error instanceof NotebookRunError);
      assert.equal(error.message, `${input}: cell 3 (const n: number = 1;) failed: TypeError: bad input: 1`);
      assert.deepEqual([error.cellNumber, error.ename, error.evalue, error.traceback[0]], [3, 'TypeError', 'bad input: 1', 'TypeError: bad input: 1']);
      return true;
    });
    const written = readJson(out);
    assert.deepEqual(code(written, 'cell-1').outputs, [{ output_type: 'stream', name: 'stdout', text: 'before\n' }]);
    const [error] = code(written, 'cell-3').outputs;
    assert.deepEqual(error.output_type === 'error' && [error.ename, error.evalue], ['TypeError', 'bad input: 1']);
    assert.deepEqual([code(written, 'cell-4').outputs, code(written, 'cell-4').execution_count], [[], null]);
    const record = written.metadata.guildaudit as Record<string, unknown>;
    assert.deepEqual([record.status, record.failedCell], ['failed', 3]);
  });

  test('a cell over the time limit is interrupted, fails the run, and the kernel is gone', async () => {
    const out = path.join(tempDir(), 'slow.out.ipynb');
    const input = path.join(FIXTURES, 'slow.ipynb');
    await assert.rejects(runNotebook({ input, output: out, timeoutSeconds: 2 }), {
      name: 'NotebookRunError',
      message: `${input}: cell 2 (await new Promise((resolve) => setTimeout(resolve, 60_000));) failed: ` +
        'CellTimeoutError: the cell ran longer than 2 s and was interrupted',
    });
    const written = readJson(out);
    const pid = Number(joinText((code(written, 'cell-1').outputs[0] as { text: string }).text));
    assert.ok(pid > 0 && pid !== process.pid);
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
    assert.deepEqual(code(written, 'cell-2').outputs, [{ output_type: 'error', ename: 'CellTimeoutError',
      evalue: 'the cell ran longer than 2 s and was interrupted', traceback: [] }]);
  });

  test('a notebook that cannot be read fails before any kernel starts', async () => {
    const out = path.join(tempDir(), 'x.ipynb');
    await assert.rejects(runNotebook({ input: path.join(FIXTURES, 'old-format.ipynb'), output: out }), { name: 'NotebookFileError' });
    await assert.rejects(runNotebook({ input: path.join(FIXTURES, 'fails.ipynb'), output: out, parameters: { n: '1' } }), { name: 'ParameterError' });
    assert.equal(fs.existsSync(out), false);
    const nowhere = path.join(tempDir(), 'no-folder', 'x.ipynb');
    await assert.rejects(runNotebook({ input: path.join(FIXTURES, 'fails.ipynb'), output: nowhere }), {
      name: 'NotebookFileError',
      message: `${nowhere}: its folder does not exist`,
    });
  });

  test("a kernel that cannot start is an error quoting the kernel's own output", async () => {
    const out = path.join(tempDir(), 'x.ipynb');
    // Node refuses to start when a --require'd module is missing, before tslab runs
    const env = { NODE_OPTIONS: '--require /nonexistent/guildaudit-preload.js' };
    await assert.rejects(runNotebook({ input: path.join(FIXTURES, 'fails.ipynb'), output: out, env }), (error: Error) => {
      assert.equal(error.name, 'KernelError');
      assert.match(error.message, /^the kernel exited while starting \(code 1\); its last output:\n/);
      assert.match(error.message, /Cannot find module '\/nonexistent\/guildaudit-preload\.js'/);
      return true;
    });
    assert.equal(fs.existsSync(out), false);
  });
});
