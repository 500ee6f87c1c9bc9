import { readFileSync } from 'node:fs';
import { parseQuotaSettings, QuotaConfigError, type QuotaSettings } from '@hub/domain';

/**
 * The quota settings of the environment: HUB_QUOTA_EVENTS_PER_DAY, HUB_QUOTA_STORED_BYTES, HUB_QUOTA_WARN_AT,
 * and HUB_QUOTAS_FILE (JSON, per-unit overrides). A bad value stops the service at start, naming it.
 */
export function loadQuotaSettings(env: NodeJS.ProcessEnv): QuotaSettings {
  const file = env.HUB_QUOTAS_FILE;
  let overrides: unknown;
  if (file) {
    try {
      overrides = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      throw new QuotaConfigError(`HUB_QUOTAS_FILE ${file}: ${(error as Error).message}`);
    }
  }
  return parseQuotaSettings(env, overrides, file ? `HUB_QUOTAS_FILE ${file}` : 'HUB_QUOTAS_FILE');
}
