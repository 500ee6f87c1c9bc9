// Creates the event stream HUB_EVENTS and the attachments bucket HUB_ATTACHMENTS if they do not exist (R3 in a cluster), as the NATS `admin` principal.
// Run once per install: the Kubernetes Job `stream-init` and the compose service of the same name run it;
// `npm start` does the same in its launcher. Env: NATS_URL, HUB_NATS_SEED(_FILE) (admin), HUB_INBOX_PREFIX,
// HUB_STREAM_REPLICAS (default 1).
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats, ensureAttachmentBucket, ensureEventStream } from '@hub/event-store';
import { serviceEnv } from '@hub/runtime/service-env';

const vars = serviceEnv('stream-init');
const replicas = Number(process.env.HUB_STREAM_REPLICAS ?? 1);
if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5) throw new Error(`stream-init: HUB_STREAM_REPLICAS must be 1 to 5, got "${process.env.HUB_STREAM_REPLICAS}"`);
const { natsUrl, natsSeed, inboxPrefix } = vars.natsClient();
const nc = await connectNats({ url: natsUrl, name: 'hub-stream-init', ...(natsSeed ? { seed: natsSeed } : {}), ...(inboxPrefix ? { inboxPrefix } : {}) });
try {
  const info = await ensureEventStream(await jetstreamManager(nc), { replicas });
  console.log(`[stream-init] ${info.config.name}: ${info.state.messages} messages, ${info.config.num_replicas} replicas`);
  await ensureAttachmentBucket(nc, { replicas });
  console.log('[stream-init] attachments bucket HUB_ATTACHMENTS ready');
} finally {
  await nc.close();
}
