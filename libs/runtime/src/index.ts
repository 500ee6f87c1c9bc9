// @hub/runtime: the local runtime around the services — nats-server (JetStream) with per-principal nkey
// users and least-privilege permissions, the production cluster configs, and an embedded PostgreSQL.
export { freePort, freePorts } from './free-port.js';
export { InvalidNkeyError, nativeNkeyAuthenticator, userPublicKeyFromSeed } from './nkey-native.js';
export {
  ALL_PRINCIPALS,
  HUB_DEPARTMENTS,
  SERVICE_PRINCIPALS,
  departmentOf,
  departmentPrincipal,
  inboxPrefixFor,
  isHubDepartment,
  isPrincipal,
  principalEnvName,
  type DepartmentPrincipal,
  type HubDepartment,
  type Principal,
  type ServicePrincipal,
} from './principals.js';
export {
  InvalidNatsSecretsError,
  generateNatsSecrets,
  generateNkeyUser,
  loadOrCreateNatsSecrets,
  natsClientOptions,
  nkeyEnvVar,
  nkeyEnvironment,
  parseNatsSecrets,
  placeholderUserDirectory,
  readNatsSecrets,
  writeNatsSecrets,
  type NatsSecrets,
  type NatsUserDirectory,
  type NkeyUser,
} from './nats-secrets.js';
export {
  DEFAULT_DURABLES,
  permissionsFor,
  subjectCovers,
  subjectsOverlap,
  type DurableReservations,
  type NatsPermissions,
  type SubjectPermission,
} from './nats-permissions.js';
export {
  DEFAULT_MAX_PAYLOAD,
  PRODUCTION_CLUSTER_NODES,
  PRODUCTION_TLS,
  productionClusterFiles,
  renderAuthorization,
  renderClusterNodeConfig,
  renderNatsConfig,
  type ClusterBlockOptions,
  type ClusterConfigOptions,
  type ClusterNode,
  type NatsConfigOptions,
  type TlsFiles,
} from './nats-config.js';
export {
  NATS_INSTALL_HINT,
  NatsServerNotFoundError,
  NatsServerStartError,
  findNatsServer,
  startNatsServer,
  type NatsExit,
  type RunningNats,
  type StartNatsServerOptions,
} from './nats-server.js';
export { exitOnInterrupt, reapOnExit } from './child-reaper.js';
export {
  localNatsPaths,
  startLocalNats,
  type LocalNats,
  type LocalNatsPaths,
  type StartLocalNatsOptions,
} from './local-nats.js';
export {
  EmbeddedPostgresError,
  createTestDatabase,
  startEmbeddedPostgres,
  type RunningPostgres,
  type StartEmbeddedPostgresOptions,
  type TestDatabase,
} from './embedded-postgres.js';
export { startScratchPostgres, type ScratchPostgres } from './scratch-postgres.js';
export { launchHub, type LaunchOptions, type RunningHub } from './hub/launcher.js';
export { buildServer, type ServerBuildResult } from './build/server-build.js';
export { SERVER_BUILD_DIR, compiledEntry, semiSpaceMiB, serviceNodeArgs, serviceNodeFlags } from './build/service-command.js';
export { completeCredentials, generateCredentials, type Credentials } from './hub/credentials.js';
export { generateSigningSeeds, keyValidAt, publicKeyOf, registerKeys, type KeyRegistry, type RegisteredKey, type SigningSeeds } from './hub/signing-keys.js';
export { startLoopbackCluster } from './loopback-cluster.js';
export { gatewayInboxOf, readSecret, repliesInto } from './service-env.js';
export { IDLE_GC, collectGarbageWhenIdle, type IdleGcOptions } from './idle-gc.js';
export { readServiceSecret, serviceSecretsDir, writeServiceSecret } from './hub/service-secrets.js';
export { GATEWAY_STATEMENT_TIMEOUT_MS, SERVICE_ROLES, ensureServiceRoles, generateRolePasswords, urlAs, type RoleService, type ServiceRoleOptions } from './pg-roles.js';
export { startLocalPostgres, type LocalDatabase } from './hub/local-postgres.js';
