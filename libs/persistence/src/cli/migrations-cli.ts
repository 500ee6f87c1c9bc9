// `npm run migration:run` — migrate the read models at DATABASE_URL (the projector also does this at start).
// `npm run migration:check` — run the migrations on a scratch database of DATABASE_URL's server and fail
//    when the entities want anything more (drift); the same check runs in the int tests.
// `npm run migration:generate` — print the SQL the entities need beyond the migrations (start of the next one).
import 'reflect-metadata';
import { createTestDatabase } from '@hub/runtime';
import { openReadModels } from '../data-source.js';
import { schemaDrift } from '../schema/schema-drift.js';

const command = process.argv[2];
const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}

async function onScratchDatabase(): Promise<string[]> {
  const scratch = await createTestDatabase(url);
  try {
    const dataSource = await openReadModels(scratch.url);
    try {
      return await schemaDrift(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await scratch.drop();
  }
}

switch (command) {
  case 'run': {
    const dataSource = await openReadModels(url);
    const applied = (await dataSource.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id')).map((row) => row.name);
    await dataSource.destroy();
    console.log(`read models up to date: ${applied.join(', ')}`);
    break;
  }
  case 'check': {
    const drift = await onScratchDatabase();
    if (drift.length > 0) {
      console.error(`entities and migrations disagree; a migration needs:\n${drift.map((q) => `  ${q};`).join('\n')}`);
      process.exitCode = 1;
    } else console.log('migrations match the entities');
    break;
  }
  case 'generate': {
    const drift = await onScratchDatabase();
    console.log(drift.length === 0 ? '-- nothing to generate' : drift.map((q) => `${q};`).join('\n'));
    break;
  }
  default:
    console.error('usage: migrations-cli.ts run|check|generate');
    process.exitCode = 2;
}
