# Community Desk: a multi-stage build on the official Node 20 image. The final image holds the compiled code,
# production dependencies, locales and the knowledge base, and runs as the unprivileged `node` user.

# 1. Compile TypeScript with the full toolchain.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Production dependencies only: no compiler, linter or test runner in the final image.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime. Code and dependencies belong to root (the app cannot change them); only data/ is writable,
#    because an admin's uploaded knowledge base is written there (atomically, with a backup).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY locales ./locales
# The font of the /stats chart (Chinese included): resvg draws with it, not with system fonts.
COPY assets/fonts ./assets/fonts
COPY --chown=node:node data ./data
USER node
EXPOSE 8080
# /healthz says the process lives; /readyz (Redis, knowledge base) is for load balancers, not for restarts.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM starts the graceful shutdown (updates in flight finish, the worker closes, exit within 10 s).
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
