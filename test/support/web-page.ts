// The browser suites' common ground: the built UI in Debian's chromium, headless, screenshots kept as artifacts,
// and the moves every suite makes on a page (sign in with a token, pick from a filterable select, fill a date).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEFAULT_WEB_ROOT } from '../../apps/gateway/src/web/serve-web-ui.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/** Chromium, once the built UI and the browser are known to be there (each missing one is named with its fix). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) throw new Error('dist/web is missing: run `npm run build:web` (npm run test:e2e does)');
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

type BrowserWindow = { location: { hash: string } };

/**
 * What a suite does on its page, bound late: the page and the hub's URL exist only once `beforeAll` has run, so
 * each move asks for them when it is made.
 */
export function pageMoves(page: () => Page, hubUrl: () => string) {
  return {
    shot: (name: string) => page().screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }),
    /** To a route of the UI without a reload (the session stays). */
    go: async (route: string): Promise<void> => {
      await page().evaluate((hash) => ((globalThis as unknown as BrowserWindow).location.hash = hash), `#${route}`);
    },
    signIn: async (token: string): Promise<void> => {
      await page().goto(`${hubUrl()}/`);
      await page().locator('#token-input').fill(token);
      await page().getByTestId('sign-in').click();
      await page().getByTestId('principal').waitFor();
    },
    signOut: async (): Promise<void> => {
      await page().getByText('退出').click();
      await page().locator('#token-input').waitFor();
    },
    // Selects are filterable and their option lists virtual (only the first options are rendered): type, then pick.
    choose: async (field: string, option: string): Promise<void> => {
      await page().getByTestId(`field-${field}`).locator('.n-base-selection').click();
      await page().keyboard.type(option);
      await page().locator('.n-base-select-option:visible', { hasText: option }).first().click();
    },
    date: async (field: string, value: string): Promise<void> => {
      await page().getByTestId(`field-${field}`).locator('input').fill(value);
      await page().getByTestId(`field-${field}`).locator('input').press('Enter');
    },
  };
}
