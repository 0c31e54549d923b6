import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact } from '../../lib/reports/redact';

test('redact: database URLs whole, passwords in other URLs, token parameters', () => {
  const options = { localPaths: [] };
  assert.equal(redact('db postgres://ann:pw@db.example:5432/audit?sslmode=require.', options), 'db [database URL]');
  assert.equal(redact('DATABASE_URL=postgresql://localhost/audit', options), 'DATABASE_URL=[database URL]');
  assert.equal(redact('see https://bot:s3cret@example.org/x and https://example.org/y', options), 'see https://…@example.org/x and https://example.org/y');
  assert.equal(redact('http://localhost:8888/tree?token=abc123&x=1', options), 'http://localhost:8888/tree?token=…&x=1');
});

test('redact: local folders, the deepest first, never the root alone', () => {
  const options = { localPaths: ['/home/ann', '/home/ann/audit/', '/'] };
  assert.equal(redact('/home/ann/audit/data/x.sqlite and /home/ann/.cache and /home/bob', options), '…/data/x.sqlite and …/.cache and /home/bob');
});
