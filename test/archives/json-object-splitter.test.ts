import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonObjectSplitter, SplitError } from '../../lib/archives/dce-json/json-object-splitter';
import { jsonErrorOffset } from '../../lib/archives/json-error-offset';

interface Seen {
  members: Array<[string, unknown, number]>;
  elements: Array<[unknown, number]>;
}

function split(input: Buffer, chunkSize: number): Seen {
  const seen: Seen = { members: [], elements: [] };
  const splitter = new JsonObjectSplitter('messages', {
    member: (key, json, byte) => seen.members.push([key, JSON.parse(json), byte]),
    arrayStart: () => {},
    element: (json, byte) => seen.elements.push([JSON.parse(json), byte]),
  });
  for (let i = 0; i < input.length; i += chunkSize) splitter.push(input.subarray(i, i + chunkSize));
  splitter.end();
  return seen;
}

const tricky = {
  guild: { id: '1', name: 'Brackets } ] { [ and "quotes"' },
  channel: { id: '2', name: 'back\\slash\\', topic: 'ends with a backslash \\' },
  messages: [
    { id: 'a', content: 'He said "hi" \\"' },
    { id: 'b', content: 'émoji 👍 漢字 \u2028 line\nbreak', list: [1, [2, { x: '}' }]] },
    { id: 'c', content: '\\\\' },
  ],
  messageCount: 3,
  trailing: null,
};

test('finds every member and element, whatever the chunk size (whole, one byte at a time, odd sizes)', () => {
  const pretty = Buffer.from(JSON.stringify(tricky, null, 2));
  const compact = Buffer.from(JSON.stringify(tricky));
  for (const input of [pretty, compact]) {
    const whole = split(input, input.length);
    assert.deepEqual(whole.elements.map(([e]) => e), tricky.messages);
    assert.deepEqual(whole.members.map(([k, v]) => [k, v]), [
      ['guild', tricky.guild], ['channel', tricky.channel], ['messageCount', 3], ['trailing', null],
    ]);
    for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(split(input, size), whole, `chunk size ${size}`);
  }
});

test('reports byte offsets of elements', () => {
  const text = '{"messages":[ {"id":1} ,{"id":2}]}';
  const { elements } = split(Buffer.from(text), 5);
  assert.deepEqual(elements.map(([, byte]) => byte), [text.indexOf('{"id":1}'), text.indexOf('{"id":2}')]);
});

test('accepts a byte order mark and an empty array', () => {
  const seen = split(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"messages":[],"n":1}')]), 2);
  assert.deepEqual(seen.elements, []);
  assert.deepEqual(seen.members.map(([k]) => k), ['n']);
});

test('a truncated object fails at the end of input with its offset', () => {
  const text = '{"guild":{},"messages":[{"id":1},{"id":';
  assert.throws(() => split(Buffer.from(text), 4), (e: unknown) => e instanceof SplitError && e.byte === text.length && /inside "messages"/.test(e.message));
});

test('structural errors name the offset', () => {
  assert.throws(() => split(Buffer.from('[1,2]'), 10), (e: unknown) => e instanceof SplitError && e.byte === 0);
  assert.throws(() => split(Buffer.from('{"a":1 "b":2}'), 10), (e: unknown) => e instanceof SplitError && e.byte === 7);
  assert.throws(() => split(Buffer.from('{"a":1} x'), 10), (e: unknown) => e instanceof SplitError && e.byte === 8);
});

test('jsonErrorOffset points at the first character that breaks the JSON', () => {
  const cases: Array<[string, number]> = [
    ['{"a": true}', -1],
    ['[1, -2.5e3, "x\\n\\u00e9", null, false, {}]', -1],
    ['{"a": tru}', 9],
    ['{"a": 1 "b": 2}', 8],
    ['{"a": [1, 2}', 11],
    ['{"a": "unterminated', 19],
    ['{"a": 01}', 7],
    ['{"a": "bad \\x escape"}', 12],
    ['{"a": 1} extra', 9],
    ['', 0],
  ];
  for (const [text, offset] of cases) assert.equal(jsonErrorOffset(text), offset, text);
});
