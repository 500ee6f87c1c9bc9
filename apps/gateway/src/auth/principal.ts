/** Who is calling: a reporting unit, a joint-meeting coordinator or an auditor. */
export type Principal =
  | { kind: 'unit'; unit: string; department: string; region: string }
  | { kind: 'coordinator' }
  | { kind: 'auditor' };

export const principalLabel = (principal: Principal): string => (principal.kind === 'unit' ? principal.unit : principal.kind);
