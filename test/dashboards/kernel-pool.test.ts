import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KernelPool } from '../../lib/dashboards/kernel-pool';
import { executeCell } from '../../lib/notebooks/execute-cell';
import { tempDir } from '../support/engines';

/** The stdout text of one cell run in `kernel`. */
async function stdout(kernel: Parameters<typeof executeCell>[0], code: string): Promise<string> {
  const run = await executeCell(kernel, code, { timeoutMs: 30_000 });
  assert.equal(run.status, 'ok', JSON.stringify(run.error));
  return run.outputs.map((o) => (o.output_type === 'stream' && o.name === 'stdout' ? [o.text].flat().join('') : '')).join('');
}

describe('KernelPool: warm kernels, each used once', () => {
  test('a kernel comes warmed; the next one shares nothing with it; close shuts everything down', async () => {
    const pool = new KernelPool({ size: 1, cwd: tempDir(), warmUp: '(globalThis as any).warmedUp = 42;' });
    try {
      await pool.fill();
      assert.equal(pool.readyCount, 1);
      const first = await pool.take();
      assert.equal(await stdout(first, 'console.log((globalThis as any).warmedUp);'), '42\n');
      await stdout(first, "(globalThis as any).viewerSecret = 'from the first viewer';");
      await pool.discard(first);
      assert.equal(first.running, false);

      const second = await pool.take(); // waits for the replacement started by discard
      assert.notEqual(second.pid, first.pid);
      assert.equal(await stdout(second, 'console.log(typeof (globalThis as any).viewerSecret, (globalThis as any).warmedUp);'), 'undefined 42\n');
      await pool.close();
      assert.equal(second.running, false);
      await assert.rejects(pool.take(), /the kernel pool is closed/);
    } finally {
      await pool.close();
    }
  });

  test('a warm-up that fails is an error for whoever waits, not a hang', async () => {
    const pool = new KernelPool({ size: 1, cwd: tempDir(), warmUp: "throw new Error('no warm-up');" });
    try {
      await assert.rejects(pool.fill(), /the kernel's warm-up cell failed: Error: no warm-up/);
    } finally {
      await pool.close();
    }
  });
});
