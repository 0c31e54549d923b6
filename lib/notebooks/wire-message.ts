import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** The protocol version this client speaks. */
export const PROTOCOL_VERSION = '5.3';

/** Separates the ZeroMQ routing identities from the message proper. */
export const DELIMITER = '<IDS|MSG>';

/** A Jupyter message header. */
export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** One Jupyter message (protocol 5.3), as sent on any channel. */
export interface JupyterMessage<Content = Record<string, any>> {
  header: MessageHeader;
  /** The header of the request this answers; `{}` for requests. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Content;
  buffers: Buffer[];
}

/** A message whose frames do not follow the wire protocol or whose signature is wrong. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** A new request from this client's `session`. */
export function newMessage(msgType: string, content: Record<string, unknown>, session: string): JupyterMessage {
  return {
    header: { msg_id: randomUUID(), session, username: 'guildaudit', date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION },
    parent_header: {},
    metadata: {},
    content,
    buffers: [],
  };
}

/** HMAC-SHA256 in hex over the four JSON parts, keyed by the connection file's key; '' when the key is empty. */
export function signParts(key: string, parts: readonly (string | Buffer)[]): string {
  if (key === '') return '';
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** The frames to send: `<IDS|MSG>`, signature, header, parent header, metadata, content, buffers. */
export function encodeMessage(msg: JupyterMessage, key: string): (string | Buffer)[] {
  const parts = [JSON.stringify(msg.header), JSON.stringify(msg.parent_header), JSON.stringify(msg.metadata), JSON.stringify(msg.content)];
  return [DELIMITER, signParts(key, parts), ...parts, ...msg.buffers];
}

/**
 * Reads received frames: skips routing identities up to `<IDS|MSG>`, checks the signature
 * (constant-time) and parses the four JSON parts.
 */
export function decodeMessage(frames: readonly Buffer[], key: string): JupyterMessage {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0) throw new WireError('message without the <IDS|MSG> delimiter');
  if (frames.length < at + 6) throw new WireError(`message with ${frames.length - at - 1} frames after the delimiter; 5 needed`);
  const signature = frames[at + 1].toString();
  const parts = frames.slice(at + 2, at + 6);
  const expected = signParts(key, parts);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
    throw new WireError('message with a wrong signature');
  }
  const [header, parent_header, metadata, content] = parts.map((p, i) => {
    try {
      return JSON.parse(p.toString());
    } catch {
      throw new WireError(`message part ${i + 1} is not JSON`);
    }
  });
  return { header, parent_header, metadata, content, buffers: frames.slice(at + 6).map((f) => Buffer.from(f)) };
}
