// At most N keys of one lead or case link (campaign data, default 20). A record that lists hundreds of
// phone numbers or URLs would otherwise tie the campaign together by itself; its extra keys are kept
// (the event holds them, the record shows them) but link nothing, and the record is flagged for its unit.

export interface KeyCapSplit {
  /** Keys that may link, in the order reported (at most `max`). */
  readonly linking: readonly string[];
  /** Keys on a warning list (never link). */
  readonly warned: readonly string[];
  /** Keys beyond the cap, in the order reported. */
  readonly beyondCap: readonly string[];
}

/** Splits a record's distinct keys (in reported order): warning-listed first out, then the first `max` link. */
export function capLinkingKeys(keys: readonly string[], isWarned: (key: string) => boolean, max: number): KeyCapSplit {
  const linking: string[] = [];
  const warned: string[] = [];
  const beyondCap: string[] = [];
  for (const key of keys) {
    if (isWarned(key)) warned.push(key);
    else if (linking.length < max) linking.push(key);
    else beyondCap.push(key);
  }
  return { linking, warned, beyondCap };
}
