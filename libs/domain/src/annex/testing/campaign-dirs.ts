// Specs that need more campaigns than the shipped one: run with HUB_CAMPAIGN_DIRS set, restored afterwards.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CAMPAIGN_DIRS_ENV } from '../campaign-files.js';

/** The example directory (`campaigns/examples/`: the 2022 definition, draw lists and warning lists). */
export const EXAMPLE_CAMPAIGNS_DIR = fileURLToPath(new URL('../campaigns/examples/', import.meta.url));

export function withCampaignDirs<T>(dirs: string, run: () => T): T {
  const before = process.env[CAMPAIGN_DIRS_ENV];
  process.env[CAMPAIGN_DIRS_ENV] = dirs;
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env[CAMPAIGN_DIRS_ENV];
    else process.env[CAMPAIGN_DIRS_ENV] = before;
  }
}

/** A fresh directory holding only some of the example 2022 files (e.g. the definition without its lists); removed after `run`. */
export function withExampleFiles<T>(files: readonly string[], run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hub-campaigns-'));
  try {
    for (const file of files) copyFileSync(join(EXAMPLE_CAMPAIGNS_DIR, file), join(dir, file));
    return withCampaignDirs(dir, () => run(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
