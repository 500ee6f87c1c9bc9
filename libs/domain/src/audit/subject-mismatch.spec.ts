import { describe, expect, it } from '@jest/globals';
import { subjectMismatch } from './chain-verifier.js';

/** The rule as first written (split the subject): the in-place comparison must say the same everywhere. */
function splitRule(streamSubject: string, source: string, subject: string): boolean {
  const parts = streamSubject.split('.');
  return parts.length === 6 && source === `${parts[2] ?? ''}/${parts[3] ?? ''}` && subject === `${parts[4] ?? ''}/${parts.slice(5).join('.')}`;
}

describe('subjectMismatch', () => {
  const streamSubjects = ['hub.evt.samr.310000.case.C-5', 'hub.evt.samr.310000.case.C.5', 'hub.evt.samr.310000.case', 'hub.evt..310000.case.C-5', 'hub.evt.samr.310000.case.', 'hub.evt.药监.310000.线索.甲-1', ''];
  const claims: [string, string][] = [
    ['samr/310000', 'case/C-5'], ['samr/310000', 'case/C.5'], ['samr/310000', 'case/C'], ['samr.310000', 'case.C-5'], ['samr/31000', 'case/C-5'], ['samr/3100000', 'case/C-5'],
    ['/310000', 'case/C-5'], ['samr/310000', 'case/'], ['药监/310000', '线索/甲-1'], ['samr/310000/', 'case/C-5'], ['', ''], ['samr/310000', 'case/C-55'],
  ];
  it('finds a mismatch exactly where splitting the subject did', () => {
    for (const streamSubject of streamSubjects) {
      for (const [source, subject] of claims) {
        const found = subjectMismatch({ seq: 1, streamSubject, eventId: 'e' }, streamSubject, { source, subject });
        expect([streamSubject, source, subject, found === undefined]).toEqual([streamSubject, source, subject, splitRule(streamSubject, source, subject)]);
        if (found) expect(found.code).toBe('SUBJECT_MISMATCH');
      }
    }
  });
});
