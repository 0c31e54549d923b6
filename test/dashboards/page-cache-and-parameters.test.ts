import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { viewerReason } from '../../lib/dashboards/failure-reason';
import { PageCache, pageCacheKey } from '../../lib/dashboards/page-cache';
import { PageRequestError, readPageParameters } from '../../lib/dashboards/page-parameters';
import { NotebookRunError } from '../../lib/notebooks/notebook-run-error';

const OFFERED = ['guild', 'from', 'to', 'timeZone'];

describe('page parameters', () => {
  test('only offered names, empties dropped, sorted by name', () => {
    const values = readPageParameters(new URLSearchParams('to=2024-03-01&guild=8100&timeZone=Europe/Berlin&from='), OFFERED);
    assert.deepEqual(Object.entries(values), [['guild', '8100'], ['timeZone', 'Europe/Berlin'], ['to', '2024-03-01']]);
  });

  test('values are trimmed before they are checked and kept', () => {
    const values = readPageParameters(new URLSearchParams('guild=%208100%20&from=2024-01-01%20&to=%20'), OFFERED);
    assert.deepEqual(values, { from: '2024-01-01', guild: '8100' });
  });

  const refused: [string, RegExp][] = [
    ['user=1', /unknown parameter 'user'; this page takes guild, from, to, timeZone/],
    ['guild=1&guild=2', /'guild' is given more than once/],
    ['from=2024-02-30', /'from' must be a date written YYYY-MM-DD \(got '2024-02-30'\)/],
    ['to=01/02/2024', /'to' must be a date/],
    ['from=2024-03-01&to=2024-03-01', /'from' \(2024-03-01\) must be before 'to'/],
    ['timeZone=Mars/Olympus', /IANA time zone/],
    ['guild=abc', /guild ID, digits only/],
  ];
  for (const [query, message] of refused) {
    test(`refuses ${query}`, () => {
      assert.throws(() => readPageParameters(new URLSearchParams(query), OFFERED), (e: unknown) => {
        assert.ok(e instanceof PageRequestError);
        assert.equal(e.status, 400);
        assert.match(e.message, message);
        return true;
      });
    });
  }

  test('a page that offers only guild refuses a date', () => {
    assert.throws(() => readPageParameters(new URLSearchParams('from=2024-01-01'), ['guild']), /unknown parameter 'from'; this page takes guild$/);
  });
});

describe('page cache', () => {
  const key = (name: string, version = 'import-1') => pageCacheKey({ name, hash: 'h', params: { guild: '1' }, dataVersion: version });

  test('the key holds the notebook, its hash, the parameters and the data version', () => {
    assert.equal(key('a'), '["a","h",{"guild":"1"},"import-1"]');
  });

  test('least recently used pages go first when the budget is spent', () => {
    const cache = new PageCache(2 * 10); // 10 characters
    cache.set('a', { html: 'aaaa', dataVersion: 'v1' });
    cache.set('b', { html: 'bbbb', dataVersion: 'v1' });
    assert.equal(cache.get('a')?.html, 'aaaa'); // a is now the most recent
    cache.set('c', { html: 'cccc', dataVersion: 'v1' }); // 12 > 10: b goes
    assert.deepEqual([cache.get('a')?.html, cache.get('b'), cache.get('c')?.html], ['aaaa', undefined, 'cccc']);
    cache.set('huge', { html: 'x'.repeat(11), dataVersion: 'v1' });
    assert.equal(cache.get('huge'), undefined);
  });

  test('a new data version drops every older page, and a late page of the old version is not kept', () => {
    const cache = new PageCache();
    cache.set('a', { html: 'old', dataVersion: 'import-1' });
    cache.noteDataVersion('import-2');
    assert.equal(cache.size, 0);
    cache.set('b', { html: 'late', dataVersion: 'import-1' });
    assert.equal(cache.get('b'), undefined);
  });
});

describe('what a viewer is told about a failed run', () => {
  test('the step and the first line of the message, without paths or traceback', () => {
    const error = new NotebookRunError('fails.ipynb', 3, 'throw', 'TypeError', "cannot read '/srv/data/secret.json'\nmore detail",
      ['TypeError: cannot read', '    at f (/srv/app/x.ts:1:1)'], '');
    assert.equal(viewerReason(error), "step 3 of the notebook failed: TypeError: cannot read '…'");
  });

  test('a message made of stack frames only gives the step and the error name', () => {
    const error = new NotebookRunError('x.ipynb', 2, 'f()', 'Error', '    at async Handler.run (/srv/node_modules/tslab/dist/x.js:208:21)', [], '');
    assert.equal(viewerReason(error), 'step 2 of the notebook failed: Error');
  });
});
