export const DEPARTMENT_CONFIG = Symbol('DEPARTMENT_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
