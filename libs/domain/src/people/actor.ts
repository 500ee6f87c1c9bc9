/**
 * Who acted, as events name it (issue 13 §4): `account:<id>` (a signed-in person), `key:<id>` (a machine
 * key; the static tokens of `.hub/credentials.json` are `key:static-<name>`) or `system:<name>` (the hub
 * itself, e.g. the bootstrap).
 */
const ACTOR = /^(account|key|system):[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const isActor = (value: unknown): value is string => typeof value === 'string' && ACTOR.test(value);
