# syntax=docker/dockerfile:1
# The hub image. Every workload runs from it — gateway, department services, projector, coordination, and the
# stream job — the command picks the entry point (deploy/k8s and deploy/compose set it). Multi-stage: the build
# stage has the toolchain and the network; the runtime stage runs as uid 10001 and writes nothing (the manifests
# mount the root filesystem read-only, with an in-memory /tmp).
#   docker build -t net-sword-hub:0.1.0 .
ARG NODE_IMAGE=node:20.19-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The web UI is served by the gateway from dist/web; the services run their JavaScript build, dist/server (plain
# node, no loader: the command of every workload is node dist/server/<entry>.js).
RUN npm run build:web && npm run build:server
RUN rm -rf .hub test bench dist/server/bench coverage node_modules/.cache

FROM ${NODE_IMAGE}
# glibc malloc as `npm start`'s launcher runs every service (SERVICE_MALLOC_ENV, libs/runtime/src/hub/service-process.ts):
# two arenas per process instead of 8 per core (each kept ~30–70 MiB of native memory it never returned) and fixed
# 128 KiB trim/mmap thresholds, so a freed large buffer goes back to the system instead of staying resident.
ENV NODE_ENV=production MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 MALLOC_MMAP_THRESHOLD_=131072
RUN groupadd --system --gid 10001 hub \
 && useradd --system --uid 10001 --gid hub --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin hub \
 && install -d -o 10001 -g 10001 -m 0700 /var/lib/hub/snapshots
# /var/lib/hub/snapshots: a department's state between runs (a volume over it starts with this owner).
WORKDIR /app
# Owned by root, read-only for the service user: a compromised service cannot change its own code.
COPY --from=build --chown=root:root /app /app
USER 10001:10001
EXPOSE 3000 8081
HEALTHCHECK --interval=10s --timeout=5s --start-period=300s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HUB_HEALTH_PORT || process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=64", "--expose-gc", "dist/server/apps/gateway/src/main.js"]
