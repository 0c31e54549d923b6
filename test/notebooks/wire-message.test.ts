import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeMessage, encodeMessage, signParts, WireError, type JupyterMessage } from '../../lib/notebooks/wire-message';

const HEADER = '{"msg_id":"m1","session":"s1","username":"u","date":"2026-01-01T00:00:00.000Z","msg_type":"kernel_info_request","version":"5.3"}';
// printf '%s' "$HEADER{}{}{}" | openssl dgst -sha256 -hmac c0ffee
const SIGNATURE = '88023fa6697db383ac953e07b5e7ce18c16db8c8670a4d5e333d6d5e169bd433';

const message: JupyterMessage = {
  header: { msg_id: 'm1', session: 's1', username: 'u', date: '2026-01-01T00:00:00.000Z', msg_type: 'kernel_info_request', version: '5.3' },
  parent_header: {},
  metadata: {},
  content: {},
  buffers: [],
};

test('the signature is HMAC-SHA256 of the four JSON parts with the connection key', () => {
  assert.equal(signParts('c0ffee', [HEADER, '{}', '{}', '{}']), SIGNATURE);
  assert.equal(signParts('', [HEADER, '{}', '{}', '{}']), '', 'an empty key means unsigned messages');
});

test('a message is framed as <IDS|MSG>, signature, header, parent, metadata, content', () => {
  assert.deepEqual(encodeMessage(message, 'c0ffee'), ['<IDS|MSG>', SIGNATURE, HEADER, '{}', '{}', '{}']);
});

test('received frames: routing identities are skipped, the signature is checked, the parts parsed', () => {
  const frames = [Buffer.from('identity-1'), ...['<IDS|MSG>', SIGNATURE, HEADER, '{}', '{}', '{}', 'extra'].map((f) => Buffer.from(f))];
  const decoded = decodeMessage(frames, 'c0ffee');
  assert.deepEqual(decoded.header, message.header);
  assert.deepEqual([decoded.parent_header, decoded.metadata, decoded.content], [{}, {}, {}]);
  assert.deepEqual(decoded.buffers.map((b) => b.toString()), ['extra']);
});

test('a wrong signature, a missing delimiter or too few frames are refused', () => {
  const good = ['<IDS|MSG>', SIGNATURE, HEADER, '{}', '{}', '{}'];
  const tampered = [...good.slice(0, 5), '{"code":"rm -rf /"}'].map((f) => Buffer.from(f));
  assert.throws(() => decodeMessage(tampered, 'c0ffee'), (e: Error) => e instanceof WireError && /wrong signature/.test(e.message));
  assert.throws(() => decodeMessage(good.map((f) => Buffer.from(f)), 'another key'), /wrong signature/);
  assert.throws(() => decodeMessage(good.slice(1).map((f) => Buffer.from(f)), 'c0ffee'), /without the <IDS\|MSG> delimiter/);
  assert.throws(() => decodeMessage(good.slice(0, 4).map((f) => Buffer.from(f)), 'c0ffee'), /3 frames after the delimiter; 5 needed/);
});
