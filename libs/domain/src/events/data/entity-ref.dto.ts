import { ENTITY_KINDS, isEntityKind } from '../../catalogue/entity-kinds.js';
import { Field, Noun } from '../decorators.js';
import { LIMITS, oneOf, text } from '../rules.js';

/**
 * One identifier attached to a lead or case. Only the shape is checked at submission; the value is
 * stored as sent and normalised into a correlation key downstream, where a malformed value is
 * flagged rather than losing the lead.
 */
@Noun('an entity, which has only kind and value')
export class EntityRef {
  @Field(oneOf(isEntityKind, ENTITY_KINDS))
  kind!: string;

  @Field(text(LIMITS.entityValue))
  value!: string;
}
