# syntax=docker/dockerfile:1
# The zhuanban image: one image for every part of the system. The command picks the part —
#   docker run … zhuanban seed | deploy | workers | scheduler | web | all | …
# (the sub-commands of bin/zhuanban.js, cli/commands/index.ts). docker-compose.yml runs one service per part.
#
# Build:  docker build -t zhuanban .

ARG NODE_IMAGE=node:20-bookworm-slim

### build: install every dependency, generate the Prisma clients, compile TypeScript, then drop dev dependencies
FROM ${NODE_IMAGE} AS build
# better-sqlite3 falls back to compiling its addon when no prebuilt binary can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# The project's npm (11.19.1, as on the development machines and CI): it honours package.json "allowScripts" (the
# install scripts of prisma and @prisma/* are denied: the JavaScript schema engine needs no downloaded binaries);
# the npm 10 that ships with node:20 ignores that field and would run them.
RUN npm install -g npm@11.19.1
WORKDIR /app
COPY package.json package-lock.json ./
# Dependencies first, without scripts, so this layer is reused while only sources change …
RUN npm ci --ignore-scripts
COPY . .
# … then the allowed install scripts (better-sqlite3, @swc/core, protobufjs, esbuild) and the build
# (prisma generate for SQLite and PostgreSQL + tsc -p tsconfig.build.json → dist/).
RUN npm rebuild && npm run build
RUN npm prune --omit=dev

### runtime: the compiled application, production dependencies, and the files it reads at run time
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# deploy reads processes/ (found next to package.json); migrations are read from prisma/ at start.
COPY --from=build /app/processes ./processes
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/prisma/postgresql/migrations ./prisma/postgresql/migrations
# data/ holds the SQLite file and the embedded engine's journal when no DATABASE_URL / ZEEBE_GRPC_ADDRESS is set.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# 3000: web (PORT). 26500/8080: the embedded engine's gRPC and REST ports, used only by `all` without ZEEBE_GRPC_ADDRESS.
EXPOSE 3000
# No HEALTHCHECK here: only `web` (and `all`) serve HTTP; workers, scheduler and the one-shot commands do not.
# docker-compose.yml gives the web service its check on GET /api/health.
ENTRYPOINT ["node", "bin/zhuanban.js"]
# Without a command: the whole system on the embedded defaults, reachable from outside the container.
CMD ["all", "--host", "0.0.0.0"]
