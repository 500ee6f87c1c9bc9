// Mobile app package ids in Android reverse-DNS form ("com.example.app").
import { cleanText, fail, ok, quote, type Parsed } from './result.js';

export interface AppId {
  readonly canonical: string;
}

// Java package segment rules; Android allows upper case, but real package names are
// lowercase and departments retype them by hand, so the key is lowercased to let
// "com.Example.App" and "com.example.app" correlate.
const SEGMENT = /^[a-z][a-z0-9_]*$/;
// Android caps package names at 255 characters (PackageManager/filesystem limit).
const MAX_LENGTH = 255;

export function normaliseAppId(raw: string): Parsed<AppId> {
  const canonical = cleanText(raw).toLowerCase();
  if (canonical === '') {
    return fail('app id is empty');
  }
  if (canonical.length > MAX_LENGTH) {
    return fail(`app id is longer than ${MAX_LENGTH} characters`);
  }
  const segments = canonical.split('.');
  if (segments.length < 2) {
    return fail(`app id ${quote(raw)} must have at least two dot-separated segments, e.g. "com.example.app"`);
  }
  const bad = segments.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) {
    return fail(
      `app id segment ${quote(bad)} must start with a letter and contain only letters, digits or underscores`,
    );
  }
  return ok({ canonical });
}
