export const PROJECTOR_CONFIG = Symbol('PROJECTOR_CONFIG');
export const PROJECTOR_NATS = Symbol('PROJECTOR_NATS');
/** Optional test seams (fault injection, batch notifications); absent in production. */
export const PROJECTOR_HOOKS = Symbol('PROJECTOR_HOOKS');
