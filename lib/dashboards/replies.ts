import { messagePage } from './page-html';
import { NO_CONTENT_CSP, newNonce, pageCsp } from './security-headers';

/** What a route answers. */
export type Reply = { status: number; type: string; body: string | Buffer; headers?: Record<string, string> };

/** The content type of every HTML answer. */
export const HTML = 'text/html; charset=utf-8';

/** An HTML answer; the CSP defaults to nothing-may-load (fragments). */
export function html(status: number, body: string, csp = NO_CONTENT_CSP): Reply {
  return { status, type: HTML, body, headers: { 'Content-Security-Policy': csp } };
}

/** `reply` with more headers. */
export function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

/** A JSON answer. */
export function json(status: number, value: unknown): Reply {
  return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

const TITLES: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 405: 'Method not allowed' };

/** A whole page saying why a request is refused (400, 404, 405). */
export function refusal(status: number, message: string): Reply {
  return html(status, messagePage(TITLES[status] ?? 'Error', message), pageCsp(newNonce()));
}
