import { PubHeaders } from '@nats-io/jetstream';
import { canonicalMIMEHeaderKey, headers as natsHeaders, Match, MsgHdrsImpl, type MsgHdrs } from '@nats-io/transport-node';

/**
 * An append's header set. Setting a known name exactly (Match.Exact, how the codec and js.publish set them) has the
 * outcome nats.js's own set has — any value under that name removed, the value checked and trimmed, stored last —
 * without its two look-ups, each of which lists every name into a new array and filters it, and without checking
 * the name again: those were ~15 % of what the department service allocated per appended event (six sets, with the
 * three js.publish adds). Any other name, or another match, is nats.js's own set.
 */
class AppendHeaders extends MsgHdrsImpl {
  constructor(private readonly known: ReadonlySet<string>) {
    super();
  }

  override set(k: string, v: string, match: Match = Match.Exact): void {
    if (match !== Match.Exact || !this.known.has(k)) {
      super.set(k, v, match);
      return;
    }
    const value = MsgHdrsImpl.validHeaderValue(v);
    this.headers.delete(k);
    this.headers.set(k, [value]);
  }
}

/**
 * Makes header sets for appends that set `names` (and what js.publish adds: Nats-Msg-Id, Nats-Expected-Stream,
 * Nats-Expected-Last-Subject-Sequence), each name checked once here as nats.js checks it on every set. nats.js's
 * own `headers()` when its header class is not the one this was written against.
 */
export function appendHeaderFactory(names: readonly string[]): () => MsgHdrs {
  const known = new Set([...names, PubHeaders.MsgIdHdr, PubHeaders.ExpectedStreamHdr, PubHeaders.ExpectedLastSubjectSequenceHdr]);
  for (const name of known) canonicalMIMEHeaderKey(name); // throws on a name nats.js would refuse
  return usable() ? () => new AppendHeaders(known) : () => natsHeaders();
}

/** The fast set relies on nats.js keeping a header set as a Map of name → values in `headers`. */
function usable(): boolean {
  const probe = natsHeaders();
  probe.set('Hub-Probe', '1');
  return probe instanceof MsgHdrsImpl && probe.headers instanceof Map && probe.headers.get('Hub-Probe')?.[0] === '1';
}
