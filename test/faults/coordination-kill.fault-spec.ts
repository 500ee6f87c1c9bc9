// PLACE FOR the coordination service's kill test (branch `coord`, built in parallel; not on main yet).
// When it lands: run the coordination service as its own process (startServiceProcess in
// ./support/processes.ts, the way projector-kill.fault-spec.ts runs the projector), publish a log with
// leads sharing entity keys across units, kill -9 it while it is inside a batch (its transaction open, or
// between appending a joint event and acknowledging its input), start it again, and assert that its output
// — the joint events it appended (hub.evt.joint.>) and its read models — equals a fresh rebuild from the
// same log: no joint event lost, none appended twice (deterministicEventId makes a re-decision idempotent).
import { describe, it } from '@jest/globals';

describe('coordination service killed (-9) mid-batch', () => {
  it.todo('given the coordination service killed inside a batch, when started again, then its joint events and read models equal a fresh rebuild');
});
