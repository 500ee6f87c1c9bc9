/** Who is calling: a reporting unit, a joint-meeting coordinator or an auditor. */
export type Principal =
  | { kind: 'unit'; unit: string; department: string; region: string }
  | { kind: 'coordinator' }
  | { kind: 'auditor' };

/** The principal as logs and per-principal limits name it: the unit, or the role. */
export const principalLabel = (principal: Principal): string => (principal.kind === 'unit' ? principal.unit : principal.kind);
