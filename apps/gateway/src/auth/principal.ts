/** Who is calling: a reporting unit, a joint-meeting coordinator or an auditor. */
export type Principal =
  | { kind: 'unit'; unit: string; department: string; region: string }
  | { kind: 'coordinator' }
  | { kind: 'auditor' };
