import {
  DISPLAY_STATES,
  isDisplayState,
  isOperatorKind,
  isSelfOperatedLabelling,
  OPERATOR_KINDS,
  SELF_OPERATED_LABELLING,
} from '../../catalogue/operators.js';
import { normaliseDomain } from '../../entity-keys/domain.js';
import { normaliseUscc } from '../../entity-keys/uscc.js';
import { Field, type Rule } from '../decorators.js';
import { flag, LIMITS, oneOf, region, shown, text } from '../rules.js';

/*
 * The operator register (经营者名录, plan 二(一)一 摸清底数 and the telecom survey 二(六)五): `operator/<id>` is one
 * operator as the owning unit registered it — ids are the unit's own (two units may both register `OP-1`), so
 * readers key it by unit + id, like leads. `operator.registered` once, then `operator.updated` with the fields
 * that changed (lifecycle rule OPERATOR_ALREADY_REGISTERED / OPERATOR_NOT_REGISTERED).
 */

/** A register is the authoritative record, so unlike a lead's entity a USCC with a wrong check character is refused. */
export const registeredUscc: Rule = (value) => {
  if (typeof value !== 'string') return `must be a string (got ${shown(value)})`;
  const parsed = normaliseUscc(value);
  if (!parsed.ok) return `must be an 18-character unified social credit code: ${parsed.error}`;
  return parsed.value.checksumValid ? undefined : `has a wrong check character (got ${shown(value)})`;
};

export const siteDomain: Rule = (value) => {
  if (typeof value !== 'string' || value.length > LIMITS.name) return `must be a domain name of at most ${LIMITS.name} characters (got ${shown(value)})`;
  const parsed = normaliseDomain(value);
  return parsed.ok ? undefined : `must be a domain name such as shop.example.cn: ${parsed.error}`;
};

// 工信部 ICP filing numbers: 新ICP备12345678号, 京ICP证030173号, optionally -1 for the site.
const ICP_FILING = /^[\u4e00-\u9fa5]ICP[备证]\d{4,12}号(?:-\d{1,4})?$/u;

export const icpFiling: Rule = (value) =>
  typeof value === 'string' && ICP_FILING.test(value) ? undefined : `must be an ICP filing number such as 新ICP备12345678号-1 (got ${shown(value)})`;

const kind = oneOf(isOperatorKind, OPERATOR_KINDS);
const display = oneOf(isDisplayState, DISPLAY_STATES);
const labelling = oneOf(isSelfOperatedLabelling, SELF_OPERATED_LABELLING);
const name = text(LIMITS.name);

/** Either a USCC or the self-declaration of an operator that needs no registration (自我声明), never both. */
const usccOrDeclaration = (object: Record<string, unknown>): boolean => object['selfDeclared'] === true;

/** Platform and shop id are what identifies a shop on a platform. */
const notAShop = (object: Record<string, unknown>): boolean => object['kind'] !== 'platform_shop';

/** Only platforms are asked whether they mark their own goods apart. */
const labellingRule: Rule = (value, object) => {
  if ((object as Record<string, unknown>)['kind'] !== 'platform') return 'is only for kind platform (自营/非自营 labelling of a platform)';
  return labelling(value, object);
};

const selfDeclaredRule: Rule = (value, object) => {
  const problem = flag(value, object);
  if (problem) return problem;
  return value === true && (object as Record<string, unknown>)['uscc'] !== undefined ? 'must not be true when uscc is given (a registered operator has no self-declaration)' : undefined;
};

export class OperatorRegisteredData {
  @Field(kind)
  kind!: string;

  @Field(name)
  name!: string;

  @Field(registeredUscc, { optional: usccOrDeclaration, requiredMessage: 'is required unless selfDeclared is true (自我声明)' })
  uscc?: string;

  /** An operator that needs no market-entity registration and published its self-declaration (自我声明公示). */
  @Field(selfDeclaredRule, { optional: true })
  selfDeclared?: boolean;

  @Field(name, { optional: notAShop, requiredMessage: 'is required for kind platform_shop (the platform the shop is on)' })
  platform?: string;

  @Field(name, { optional: notAShop, requiredMessage: 'is required for kind platform_shop (the shop id on its platform)' })
  shopId?: string;

  @Field(siteDomain, { optional: true })
  domain?: string;

  @Field(icpFiling, { optional: true })
  icpFiling?: string;

  /** 亮照: the business licence (or the self-declaration) displayed. */
  @Field(display)
  licenceDisplay!: string;

  /** 亮证: the administrative permits the business needs displayed. */
  @Field(display)
  permitDisplay!: string;

  /** 亮标: the electronic business-licence mark / filing mark displayed. */
  @Field(display)
  markDisplay!: string;

  @Field(labellingRule, { optional: (object) => object['kind'] !== 'platform', requiredMessage: 'is required for kind platform (区分标记自营和非自营)' })
  selfOperatedLabelling?: string;

  /** Where the operator does business (GB/T 2260), which may differ from the registering unit's region. */
  @Field(region)
  region!: string;
}

const OPERATOR_FIELDS = [
  'kind',
  'name',
  'uscc',
  'selfDeclared',
  'platform',
  'shopId',
  'domain',
  'icpFiling',
  'licenceDisplay',
  'permitDisplay',
  'markDisplay',
  'selfOperatedLabelling',
  'region',
] as const;

/** At least one field besides the note, so an update always changes something. */
const updateNote: Rule = (value, object) => {
  const problem = text(LIMITS.reason)(value, object);
  if (problem) return problem;
  return OPERATOR_FIELDS.some((field) => Object.hasOwn(object, field)) ? undefined : `is given but nothing is updated: name at least one of ${OPERATOR_FIELDS.join(', ')}`;
};

const optional = { optional: true } as const;

/**
 * operator.updated — new values for the fields that changed (a shop got its licence displayed, a site its
 * filing). The kind-dependent requirements are checked at registration; the fold keeps the last value of each.
 */
export class OperatorUpdatedData {
  @Field(updateNote)
  note!: string;

  @Field(kind, optional)
  kind?: string;

  @Field(name, optional)
  name?: string;

  @Field(registeredUscc, optional)
  uscc?: string;

  @Field(selfDeclaredRule, optional)
  selfDeclared?: boolean;

  @Field(name, optional)
  platform?: string;

  @Field(name, optional)
  shopId?: string;

  @Field(siteDomain, optional)
  domain?: string;

  @Field(icpFiling, optional)
  icpFiling?: string;

  @Field(display, optional)
  licenceDisplay?: string;

  @Field(display, optional)
  permitDisplay?: string;

  @Field(display, optional)
  markDisplay?: string;

  @Field(labelling, optional)
  selfOperatedLabelling?: string;

  @Field(region, optional)
  region?: string;
}
