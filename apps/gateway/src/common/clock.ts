/** "Now" for everything time-dependent the gateway answers (overdue referrals); tests pin it. */
export type Clock = () => Date;

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = () => new Date();
