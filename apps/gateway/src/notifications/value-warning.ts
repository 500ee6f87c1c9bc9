import type { ValueWarning } from '@hub/contracts';
import { campaignWarningLists, warningForKey } from '@hub/domain';

/** The warning shown next to a correlation key on the campaign's warning lists, if it is on one. */
export const warningOfKey = (key: string | null): ValueWarning | undefined => {
  const hit = key === null ? undefined : warningForKey(campaignWarningLists(), key);
  return hit === undefined ? undefined : { warning: hit.warning, why: hit.why, version: hit.version };
};
