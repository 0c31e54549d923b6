/** A headless Chromium for printing: offline, with its own throw-away profile. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { findChromium, isHeadlessShell } from './find-chromium';
import { PRINTABLE_WIDTH_PX } from './print-css';

/** A running browser and how to stop it (which also deletes its profile). */
export interface PrintBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** The flags of a quiet, offline browser (see docs/environment.md); `--no-sandbox` only as root. */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ];
}

/**
 * Starts headless Chromium (`executablePath`, default `findChromium()`) with a fresh profile
 * in a temp folder. Always `close()` it, also after a failure.
 *
 * @example
 * const { browser, close } = await launchChromium();
 * try { ... } finally { await close(); }
 */
export async function launchChromium(executablePath: string = findChromium()): Promise<PrintBrowser> {
  // Loaded here, not at import: notebooks import the library and never print.
  const puppeteer = require('puppeteer-core') as typeof import('puppeteer-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'guildaudit-chromium-'));
  try {
    const browser = await puppeteer.launch({
      executablePath,
      headless: isHeadlessShell(executablePath) ? 'shell' : true,
      userDataDir: profile,
      args: chromiumArgs(process.getuid?.() === 0),
      defaultViewport: { width: PRINTABLE_WIDTH_PX + 120, height: 1000, deviceScaleFactor: 1 },
    });
    return {
      browser,
      async close() {
        try {
          await browser.close();
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
