import type { CodeGuard } from '../catalogue/code-list.js';
import { isPlainObject } from '../events/json.js';
import { shown } from '../events/rules.js';

/** One problem in a definition file, with its path (`rows[3].rule.eventType`). */
export type Problems = { path: string; message: string }[];

/** Collects problems while reading untyped JSON; each reader reports and returns undefined/[] on failure. */
export interface ProblemSink {
  add(path: string, message: string): void;
  /** A plain object whose keys are all in `allowed` (typos such as `wher` must not pass silently). */
  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> | undefined;
  /** A non-blank string. */
  string(value: unknown, path: string): string | undefined;
  /** A non-empty array (its items are checked by the caller). */
  array(value: unknown, path: string): unknown[];
  /** A non-empty array of distinct codes accepted by `guard`; returns the valid ones. */
  codeList(value: unknown, path: string, guard: CodeGuard<string> | ((value: unknown) => boolean), what: string): string[];
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

export function problemsAt(problems: Problems): ProblemSink {
  const add = (path: string, message: string): void => {
    problems.push({ path: path === '' ? '(root)' : path, message });
  };
  const sink: ProblemSink = {
    add,
    object(value, path, allowed) {
      if (!isPlainObject(value)) {
        add(path, `must be an object, got ${shown(value)}`);
        return undefined;
      }
      for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) add(join(path, key), `unknown field (expected ${allowed.join(', ')})`);
      }
      return value;
    },
    string(value, path) {
      if (value === undefined) add(path, 'is required');
      else if (typeof value !== 'string' || value.trim() === '') add(path, `must be a non-blank string, got ${shown(value)}`);
      else return value;
      return undefined;
    },
    array(value, path) {
      if (value === undefined) add(path, 'is required');
      else if (!Array.isArray(value) || value.length === 0) add(path, `must be a non-empty array, got ${shown(value)}`);
      else return value as unknown[];
      return [];
    },
    codeList(value, path, guard, what) {
      const seen = new Set<string>();
      sink.array(value, path).forEach((item, index) => {
        if (!guard(item)) add(`${path}[${index}]`, `must be ${what}, got ${shown(item)}`);
        else if (seen.has(item as string)) add(`${path}[${index}]`, `duplicate ${shown(item)}`);
        else seen.add(item as string);
      });
      return [...seen];
    },
  };
  return sink;
}
