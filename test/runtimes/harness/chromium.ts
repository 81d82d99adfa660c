// Headless Chromium through playwright-core, using the system's browser (Debian's chromium).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The flags the browser tests run Chromium with. */
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser to use: $CHROMIUM_PATH, else the first system Chromium found. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Why the browser tests cannot run here and how to make them run. */
export function missingChromiumMessage(): string {
  const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : `no Chromium at ${CANDIDATES.join(', ')}`;
  return `browser tests need Chromium: ${where}. Install it with \`sudo apt-get install -y chromium\` `
    + '(Debian/Ubuntu) or point CHROMIUM_PATH at a Chromium or Chrome binary.';
}

/**
 * True when the browser tests may be skipped: Chromium is missing outside CI. In CI (CI=true) a
 * missing browser is a failure, never a skip.
 */
export function skipBrowserTests(): boolean {
  if (chromiumPath()) return false;
  if (process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') return false;
  console.warn(`SKIPPED: ${missingChromiumMessage()}`);
  return true;
}

/** Launches headless Chromium; throws the install hint when there is none. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(missingChromiumMessage());
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
}
