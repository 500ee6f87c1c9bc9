import type { ValueWarning } from '@hub/contracts';
import { warningForKey, warningListsAt } from '@hub/domain';

/**
 * The warning shown next to a correlation key, if it is on the warning lists of the campaign `time` falls in
 * (an alert's, a cluster's); no time: the current campaign's.
 */
export const warningOfKey = (key: string | null, time?: string | null): ValueWarning | undefined => {
  const hit = key === null ? undefined : warningForKey(warningListsAt(time), key);
  return hit === undefined ? undefined : { warning: hit.warning, why: hit.why, version: hit.version };
};
