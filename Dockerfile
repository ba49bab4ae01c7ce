# syntax=docker/dockerfile:1
# The API and the H5 app in one image. Every build step is a command `npm test` runs too (see docs/deploy.md):
# pnpm install --frozen-lockfile, the shared/server/H5 builds, and `pnpm deploy --prod` for production dependencies.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source (its prebuilt download is not used); sharp's libvips comes from the npm registry.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@10.34.8
WORKDIR /src
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY miniapp/package.json miniapp/
RUN pnpm install --frozen-lockfile
COPY . .
# The H5 build reads TARO_APP_* at build time (tile server, etc.).
ARG TARO_APP_TILE_URL
RUN pnpm --filter @xjy/shared build \
 && pnpm --filter @xjy/server build \
 && NODE_ENV=production pnpm --filter @xjy/miniapp build:h5 \
 && pnpm --filter @xjy/server deploy --prod --legacy /out \
 && cp -r miniapp/dist/h5 /out/h5 \
 && rm -rf /out/src /out/test /out/jest.config.js /out/tsconfig*.json

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    H5_DIR=/app/h5 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build --chown=node:node /out /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Readiness: 200 when the database answers; 503 while draining or without a database.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Release steps, run once per deploy (not by each replica): node dist/database/release/cli.js migrate
#                                                              node dist/database/release/cli.js create-admin --username NAME
CMD ["node", "--enable-source-maps", "dist/main.js"]
