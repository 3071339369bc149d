import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server.ts';

export const screenshotDir = path.join(repoRoot, 'e2e', 'screenshots');

/** Debian's Chromium, headless; browsers are never downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export type ProbedPage = {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and 5xx answers seen so far. */
  errors: string[];
  /** Drops recorded errors that match (for steps that provoke an expected failure). */
  forgive(pattern: RegExp): void;
  screenshot(name: string): Promise<string>;
};

/** A fresh browser context (own cookies) whose page reports every error it meets. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<ProbedPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return {
    context,
    page,
    errors,
    forgive(pattern) {
      for (let i = errors.length - 1; i >= 0; i--) if (pattern.test(errors[i]!)) errors.splice(i, 1);
    },
    async screenshot(name) {
      await mkdir(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name}.png`);
      // Let transitions settle so the picture shows the resting state.
      await page.waitForTimeout(250);
      await page.screenshot({ path: file });
      return file;
    },
  };
}
