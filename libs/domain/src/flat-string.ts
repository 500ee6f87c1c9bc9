// Strings a service keeps for its whole life (a member's reference, a key's name, a clock's key, a stored event's id).

/**
 * The string as one flat piece. A reference or key built from parts (`${department}/${region}/lead/${id}`) is a tree
 * of V8 cons strings, ~130 bytes instead of ~50, for as long as it is kept; reading a character flattens it in place
 * and the collector then drops the tree. Held once per member and per key for the process's life (issue 16: RSS).
 */
export function flat(value: string): string {
  value.charCodeAt(0);
  return value;
}
