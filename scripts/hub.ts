// `npm run hub -- <area> <command> …`: operator and auditor commands. Today: `audit` (replay, verify,
// reconcile, annex, trace, referrals, cases; `npm run hub -- audit help` lists them) and `draws verify <id>`.
import { HubError } from '@hub/domain';
import { main as audit } from '../libs/audit/src/cli.js';
import { main as draws } from '../libs/audit/src/draws-cli.js';

const [area, ...rest] = process.argv.slice(2);
try {
  if (area === 'audit') process.exitCode = await audit(rest);
  else if (area === 'draws') process.exitCode = await draws(rest);
  else {
    console.error('usage: npm run hub -- audit <command> [options]   (npm run hub -- audit help)\n       npm run hub -- draws verify <department>-<region>-draw-<id>');
    process.exitCode = 2;
  }
} catch (error) {
  const fields = error instanceof HubError ? (error.details.fields as { path: string; message: string }[] | undefined) : undefined;
  console.error(fields ? fields.map((f) => `${f.path}: ${f.message}`).join('\n') : (error as Error).message);
  process.exitCode = 2;
}
