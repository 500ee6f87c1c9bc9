import { describe, expect, it } from '@jest/globals';
import { ALL_EVENT_SUBJECTS, departmentEventSubjects, eventSubject, eventSubjectFilter, JOINT_EVENT_SUBJECTS } from './stream-subjects.js';
import { parseStreamSubject } from './envelope.js';

describe('stream subjects', () => {
  it('given the parts of an event subject, when built, then it is hub.evt.<dept>.<region>.<type>.<id> and parses back', () => {
    const subject = eventSubject('samr', '653100', 'lead', 'L-1');
    expect(subject).toBe('hub.evt.samr.653100.lead.L-1');
    expect(parseStreamSubject(subject)).toEqual({ department: 'samr', region: '653100', aggregateType: 'lead', aggregateId: 'L-1' });
  });

  it('given a department or the joint office, when its events are named, then the wildcard covers only its prefix', () => {
    expect(departmentEventSubjects('police')).toBe('hub.evt.police.>');
    expect(JOINT_EVENT_SUBJECTS).toBe('hub.evt.joint.>');
    expect(ALL_EVENT_SUBJECTS).toBe('hub.evt.>');
  });

  it('given some parts or none, when a filter is built, then the missing parts are * and no parts means every event', () => {
    expect(eventSubjectFilter({})).toBe('hub.evt.>');
    expect(eventSubjectFilter({ region: '653100' })).toBe('hub.evt.*.653100.*.*');
    expect(eventSubjectFilter({ department: 'samr', aggregateType: 'lead', aggregateId: 'L1' })).toBe('hub.evt.samr.*.lead.L1');
  });
});
