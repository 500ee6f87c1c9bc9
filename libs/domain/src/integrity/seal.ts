import type { HubEvent, UnsealedEvent } from './envelope.js';
import { hashEvent } from './event-hash.js';
import { verifySignature, type EventSigner } from './signing.js';

/** Adds `hash` and the department's `sig` to an event whose version and prevHash are settled. */
export function sealEvent<D>(event: UnsealedEvent<D>, signer: EventSigner): HubEvent<D> {
  const hash = hashEvent(event as UnsealedEvent);
  return { ...event, hash, sig: signer.sign(hash) };
}

export interface SealCheck {
  hashValid: boolean;
  signatureValid: boolean;
}

/** Recomputes the hash and checks the signature against the given public key. */
export function checkSeal(event: HubEvent, publicKey: string): SealCheck {
  const hashValid = hashEvent(event) === event.hash;
  return { hashValid, signatureValid: event.sig !== undefined && verifySignature(publicKey, event.hash, event.sig) };
}
