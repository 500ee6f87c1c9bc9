// `npm start`: the whole hub on loopback — nats-server (JetStream) and an embedded PostgreSQL under .hub/
// unless NATS_URL / DATABASE_URL point elsewhere, every department service and the gateway.
import { REPORTING_DEPARTMENTS, reportingUnits } from '@hub/domain';
import { launchHub, readSecret } from '@hub/runtime';

const env = process.env;
const databaseUrl = readSecret('DATABASE_URL', env);

/** HUB_DEPARTMENTS=samr,police: run only these reporting departments (a trial, a small install); default all 13. */
function departmentsToRun(): readonly string[] {
  if (!env.HUB_DEPARTMENTS) return REPORTING_DEPARTMENTS;
  const asked = env.HUB_DEPARTMENTS.split(',').map((d) => d.trim()).filter((d) => d !== '');
  const unknown = asked.filter((d) => !(REPORTING_DEPARTMENTS as readonly string[]).includes(d));
  if (asked.length === 0 || unknown.length > 0) {
    throw new Error(`HUB_DEPARTMENTS: ${unknown.length > 0 ? `unknown department(s) ${unknown.join(', ')}` : 'empty'}; known: ${REPORTING_DEPARTMENTS.join(', ')}`);
  }
  return asked;
}

try {
  const departments = departmentsToRun();
  const hub = await launchHub({
    home: env.HUB_HOME ?? '.hub',
    ...(env.NATS_URL ? { natsUrl: env.NATS_URL } : {}),
    // Not the standard ports: a developer machine often runs its own NATS and PostgreSQL there.
    natsPort: Number(env.HUB_NATS_PORT ?? 4322),
    ...(databaseUrl ? { databaseUrl } : {}),
    pgPort: Number(env.HUB_PG_PORT ?? 5433),
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    departments,
    units: reportingUnits(2021).filter((unit) => departments.includes(unit.split('/')[0] ?? '')),
  });
  console.log(`\n网剑行动 hub is up: ${hub.url}  (API docs ${hub.url}/api/docs)`);
  console.log(`tokens: ${hub.credentialsFile}   stop: Ctrl-C`);
  // The password and TOTP secret stay in the 0600 file; only where to find them is printed.
  console.log(`admin sign-in: username "admin", password and TOTP secret in ${hub.credentialsFile} (admin.password, admin.totpSecret)\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[hub] ${signal}: stopping…`);
    hub.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  console.error(`\n[hub] could not start: ${(error as Error).message}`);
  process.exit(1);
}
