// `npm run demo`: fills a running hub (npm start) with a realistic 2021 网剑行动 through the public API.
// Options: --url http://127.0.0.1:3000  --credentials .hub/credentials.json  --scale 1  --seed 2021
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { demoCampaign } from './demo/campaign.js';
import { runDemo, type Credentials } from './demo/run.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    credentials: { type: 'string', default: join(process.env.HUB_HOME ?? '.hub', 'credentials.json') },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '2021' },
  },
});

let credentials: Credentials;
try {
  credentials = JSON.parse(readFileSync(values.credentials, 'utf8')) as Credentials;
} catch (error) {
  console.error(`cannot read ${values.credentials} (${(error as Error).message}): start the hub first with \`npm start\``);
  process.exit(1);
}

const campaign = demoCampaign({ seed: Number(values.seed), scale: Number(values.scale) });
const events = [...campaign.facts, ...campaign.answers].reduce((sum, batch) => sum + batch.events.length, 0);
console.log(`网剑行动 demo: ${campaign.facts.length} reporting units, ${events} events, ${campaign.referrals} referrals → ${values.url}`);

const LABELS = { facts: '报送线索/案件/处置', projection: '等待移送线索入库', answers: '接收单位答复反馈' } as const;
const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic);
let phase: keyof typeof LABELS | undefined;
try {
  const result = await runDemo(values.url, credentials, campaign, (progress) => {
    if (progress.phase !== phase) {
      if (phase) bar.stop();
      phase = progress.phase;
      bar.start(progress.total, progress.done, { phase: LABELS[progress.phase] });
    } else bar.update(progress.done);
  });
  bar.stop();
  console.log(`done: ${result.stored} events stored, ${result.duplicates} already there (re-runs are idempotent). Open ${values.url}/ and sign in with the coordinator token.`);
} catch (error) {
  bar.stop();
  console.error(`demo failed: ${(error as Error).message}`);
  process.exit(1);
}
