// `npm run hub -- draws verify <id>`: a draw (双随机) re-checked straight from the stream, independent of the
// gateway and its archive: the commit and reveal, the register folded from the operator events up to the
// commit's registerSeq, the campaign's inspector list and the joint office's key from the key registry.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { planReplay, type HubEvent } from '@hub/domain';
import { EVENT_STREAM } from '@hub/event-store';
import { natsClientOptions, readNatsSecrets } from '@hub/runtime';
import { drawRefOfId, verifyLoggedDraw, type LoggedEvent } from './draw-verification.js';
import { loadKeyRegistry } from './key-registry-file.js';
import { parseBody } from './log-message.js';
import { readLog } from './log-reader.js';

const USAGE = `usage: npm run hub -- draws verify <department>-<region>-draw-<id> [--home .hub] [--nats-url URL] [--registry FILE]
  prints the checks as JSON; exit 0 when every check passes, 1 when one fails, 2 on bad input`;

async function eventsOf(js: JetStreamClient, aggregateType: string, toSeq?: number): Promise<LoggedEvent[]> {
  const plan = planReplay({ aggregateType, ...(toSeq !== undefined ? { toSeq } : {}) });
  const events: LoggedEvent[] = [];
  for await (const batch of readLog(js, { stream: EVENT_STREAM, plan })) {
    for (const message of batch) {
      const event = parseBody(message.data) as HubEvent | undefined;
      if (event !== undefined && typeof event === 'object') events.push({ seq: message.seq, event });
    }
  }
  return events;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { home: { type: 'string' }, 'nats-url': { type: 'string' }, registry: { type: 'string' } }, allowPositionals: true });
  const [command, id] = positionals;
  const drawRef = id === undefined ? undefined : drawRefOfId(id);
  if (command !== 'verify' || drawRef === undefined) {
    console.error(USAGE);
    return 2;
  }
  const home = values.home ?? process.env.HUB_HOME ?? '.hub';
  const url = values['nats-url'] ?? process.env.NATS_URL ?? `nats://127.0.0.1:${process.env.HUB_NATS_PORT ?? 4322}`;
  const secrets = await readNatsSecrets(join(home, 'nats-secrets.json')).catch(() => undefined);
  const nc = await connect({ servers: url, ...(secrets ? natsClientOptions(secrets, 'auditor') : { name: 'hub-cli-draws' }) });
  try {
    const js = jetstream(nc, { timeout: 60_000 });
    const draws = await eventsOf(js, 'draw');
    const committed = draws.find((d) => d.event.type === 'draw.committed' && `${d.event.source}/${d.event.subject}` === drawRef);
    if (committed === undefined) {
      console.error(`no draw.committed for ${drawRef} in the stream`);
      return 1;
    }
    const revealed = draws.find((d) => d.event.type === 'draw.revealed' && d.event.data['drawRef'] === drawRef);
    const registerSeq = Number(committed.event.data['registerSeq'] ?? 0);
    const operatorEvents = registerSeq > 0 ? await eventsOf(js, 'operator', registerSeq) : [];
    const registry = await loadKeyRegistry(values.registry ?? join(home, 'keys', 'registry.json'));
    const result = verifyLoggedDraw({ committed, ...(revealed ? { revealed } : {}), operatorEvents }, registry);
    console.log(JSON.stringify({ id, drawRef, ...result }, null, 2));
    if (!result.ok) console.error(`draw ${drawRef}: failed ${result.failed.join(', ')}`);
    return result.ok ? 0 : 1;
  } finally {
    await nc.drain().catch(() => undefined);
  }
}
