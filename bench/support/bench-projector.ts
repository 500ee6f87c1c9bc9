// The projector as the benches start it in their own process: principal `projector` on the bench's nats-server,
// the hub's stream, consumer and read-model schema, on the bench's scratch database.
import { EVENT_STREAM } from '@hub/event-store';
import { inboxPrefixFor } from '@hub/runtime';
import type { TestNats } from '@hub/runtime/testing';
import type { ProjectorConfig } from '../../apps/projector/src/projector.config.js';

/** The config for `startProjector`; `tuning` sets the batch size and whatever a bench varies. */
export function benchProjectorConfig(nats: TestNats, databaseUrl: string, tuning: Pick<ProjectorConfig, 'batchSize'> & Partial<ProjectorConfig>): ProjectorConfig {
  return {
    natsUrl: nats.url,
    natsSeed: nats.secrets.users.projector.seed,
    inboxPrefix: inboxPrefixFor('projector'),
    databaseUrl,
    stream: EVENT_STREAM,
    consumer: 'projector',
    schema: 'projection',
    ...tuning,
  };
}
