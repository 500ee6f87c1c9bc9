import { forEachInPool } from '@hub/event-store';
import type { DemoBatch, DemoCampaign } from './campaign.js';

export interface Credentials {
  units: Record<string, string>;
  coordinator: string;
  auditor: string;
}

export interface DemoProgress {
  phase: 'facts' | 'projection' | 'answers';
  done: number;
  total: number;
}

export interface DemoResult {
  stored: number;
  duplicates: number;
  referrals: number;
}

interface SubmitBody {
  results?: { duplicate: boolean; error?: { code: string } }[];
  message?: string;
  fields?: { path: string; message: string }[];
}

const CONCURRENCY = 4;

/** Fills a running hub with the campaign through its public HTTP API, as the departments' systems would. */
export async function runDemo(url: string, credentials: Credentials, campaign: DemoCampaign, onProgress: (progress: DemoProgress) => void = () => undefined): Promise<DemoResult> {
  const result: DemoResult = { stored: 0, duplicates: 0, referrals: campaign.referrals };
  const post = async (batch: DemoBatch, attempt = 0): Promise<void> => {
    const token = credentials.units[batch.unit];
    if (!token) throw new Error(`no token for ${batch.unit} in the credentials file`);
    const response = await fetch(`${url}/api/v1/departments/${batch.department}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(batch.events),
    });
    const body = (await response.json()) as SubmitBody;
    // An answer may race the projection of its referral: the hub says 404 until it knows it.
    if (response.status === 404 && attempt < 30) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return post(batch, attempt + 1);
    }
    // 503 says "retry later with the same ids": a real departmental system does, and nothing is stored twice.
    if (response.status === 503 && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 1_000 * (attempt + 1)));
      return post(batch, attempt + 1);
    }
    if (response.status !== 201) throw new Error(`${batch.unit}: HTTP ${response.status} ${body.message ?? ''} ${JSON.stringify(body.fields ?? []).slice(0, 400)}`);
    for (const item of body.results ?? []) {
      if (item.error) throw new Error(`${batch.unit}: ${item.error.code}`);
      if (item.duplicate) result.duplicates += 1;
      else result.stored += 1;
    }
  };
  const submitAll = async (phase: 'facts' | 'answers', batches: readonly DemoBatch[]): Promise<void> => {
    const total = batches.reduce((sum, b) => sum + b.events.length, 0);
    let done = 0;
    onProgress({ phase, done, total });
    await forEachInPool(
      batches.filter((batch) => batch.events.length > 0),
      CONCURRENCY,
      async (batch) => {
        await post(batch);
        done += batch.events.length;
        onProgress({ phase, done, total });
      },
    );
  };

  await submitAll('facts', campaign.facts);
  // Answers need their referrals projected first (only the addressed unit may answer, checked on the read model).
  for (let waited = 0; ; waited += 1) {
    const response = await fetch(`${url}/api/v1/referrals?limit=1`, { headers: { authorization: `Bearer ${credentials.coordinator}` } });
    const known = response.ok ? ((await response.json()) as { total: number }).total : 0;
    onProgress({ phase: 'projection', done: Math.min(known, campaign.referrals), total: campaign.referrals });
    if (known >= campaign.referrals) break;
    if (waited > 600) throw new Error(`the projector did not catch up: ${known} of ${campaign.referrals} referrals visible after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await submitAll('answers', campaign.answers);
  return result;
}
