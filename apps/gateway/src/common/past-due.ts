/** A request on a clock is late when its answer came at or after the deadline, or it is still unanswered past it. */
export function pastDue(dueAt: string | null, answeredAt: string | null, now: Date): boolean {
  if (dueAt === null) return false;
  return answeredAt !== null ? Date.parse(answeredAt) >= Date.parse(dueAt) : now.getTime() >= Date.parse(dueAt);
}
