import { randomBytes } from 'node:crypto';

/** A fresh nonce for one HTML response's scripts. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The Content-Security-Policy of a dashboard page. Scripts: this server's files, plus inline
 * scripts carrying the response's nonce — the page's script gives it only to the chart loaders
 * inside text/html outputs, which guildaudit's own chart code writes (figureHtml). Styles need
 * 'unsafe-inline': plotly.js adds its own `<style>` element without a nonce and chart and table
 * outputs size themselves with `style` attributes; styles cannot run code. Images: this server
 * and `data:` (image outputs). No frames, no plugins, no other origin.
 */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For everything that is not an HTML page (fragments, JSON, assets): nothing may run or load. */
export const NO_CONTENT_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries. */
export function baseHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
