import { describe, expect, it } from '@jest/globals';
import { EVENT_EXAMPLES } from './examples.js';
import type { FieldError, ValidationResult } from './types.js';
import { validateEvent } from './validate.js';

type Raw = Record<string, unknown>;

/** The catalogue's operator.registered example with `data` changed (undefined deletes a field). */
function registered(change: Raw, type: 'operator.registered' | 'operator.updated' = 'operator.registered'): ValidationResult<unknown> {
  const event = structuredClone(EVENT_EXAMPLES[type].event) as unknown as Raw;
  const data = { ...(event['data'] as Raw), ...change };
  for (const [field, value] of Object.entries(change)) if (value === undefined) delete data[field];
  return validateEvent({ ...event, data }, 'samr');
}

const problems = (result: ValidationResult<unknown>): FieldError[] => (result.ok ? [] : result.errors);
const paths = (result: ValidationResult<unknown>): string[] => problems(result).map((e) => e.path);

describe('operator.registered — each field named when wrong', () => {
  it('given the example, when validated, then accepted', () => expect(registered({}).ok).toBe(true));

  it.each([
    ['kind', { kind: 'factory' }, 'must be one of platform'],
    ['name', { name: '   ' }, 'must not be blank'],
    ['uscc', { uscc: '91653100MA78A1B2C9' }, 'wrong check character'],
    ['uscc', { uscc: undefined }, 'required unless selfDeclared'],
    ['selfDeclared', { selfDeclared: true }, 'must not be true when uscc is given'],
    ['platform', { platform: undefined }, 'required for kind platform_shop'],
    ['shopId', { shopId: undefined }, 'required for kind platform_shop'],
    ['domain', { domain: 'not a domain' }, 'must be a domain name'],
    ['icpFiling', { icpFiling: 'ICP12345' }, 'ICP filing number'],
    ['licenceDisplay', { licenceDisplay: 'yes' }, 'must be one of shown, missing, not_required'],
    ['permitDisplay', { permitDisplay: undefined }, 'is required'],
    ['markDisplay', { markDisplay: true }, 'must be one of'],
    ['selfOperatedLabelling', { selfOperatedLabelling: 'labelled' }, 'only for kind platform'],
    ['region', { region: '110000' }, 'GB/T 2260'],
  ])('given a bad %s, then the error names data.%s', (field, change, message) => {
    const result = registered(change);
    expect(paths(result)).toEqual([`data.${field}`]);
    expect(problems(result)[0]?.message).toContain(message);
  });

  it('given a self-declared operator without USCC, then accepted', () => expect(registered({ uscc: undefined, selfDeclared: true }).ok).toBe(true));

  it('given a platform without its 自营 labelling, then data.selfOperatedLabelling is required', () => {
    const result = registered({ kind: 'platform', platform: undefined, shopId: undefined });
    expect(paths(result)).toEqual(['data.selfOperatedLabelling']);
  });

  it('given a telecom survey entry (IDC) with a domain and ICP filing, then accepted', () => {
    const idc = { kind: 'idc', platform: undefined, shopId: undefined, domain: 'www.idc-example.cn', icpFiling: '新ICP备12345678号-1' };
    expect(registered(idc).ok).toBe(true);
  });
});

describe('operator.updated', () => {
  it('given the example, then accepted', () => expect(registered({}, 'operator.updated').ok).toBe(true));
  it('given a note and no field, then data.note says nothing is updated', () => {
    const result = registered({ markDisplay: undefined }, 'operator.updated');
    expect(paths(result)).toEqual(['data.note']);
    expect(problems(result)[0]?.message).toContain('nothing is updated');
  });
  it('given a bad display state, then data.licenceDisplay', () => expect(paths(registered({ licenceDisplay: 'x' }, 'operator.updated'))).toEqual(['data.licenceDisplay']));
});

describe('lead.reported productCategory — a product focus code', () => {
  const lead = (change: Raw): ValidationResult<unknown> => {
    const event = structuredClone(EVENT_EXAMPLES['lead.reported'].event) as unknown as Raw;
    return validateEvent({ ...event, data: { ...(event['data'] as Raw), ...change } }, 'samr');
  };
  it('given a code and a description, then accepted', () => expect(lead({ productCategory: 'cosmetics', productDescription: '儿童面霜' }).ok).toBe(true));
  it('given free text as the category, then data.productCategory names the codes', () => {
    const result = lead({ productCategory: '运动鞋' });
    expect(paths(result)).toEqual(['data.productCategory']);
    expect(problems(result)[0]?.message).toContain('food, drugs, medical_devices');
  });
});
