# The electrolake command line (`electrolake serve` by default) on Node 20.
#   docker build -t electrolake .
#   docker run --rm -p 127.0.0.1:5000:5000 -v "$PWD/data:/app/data" electrolake
# TypeScript runs through tsx (a runtime dependency), as on a dev machine.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Builds the dashboard bundle (web/dist) once there is a build script, then
# drops the dev dependencies.
RUN npm run build --if-present && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# serve listens on loopback by default (the API serves client names); in a
# container it must listen on every interface to be reachable.
ENV NODE_ENV=production PORT=5000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 5000
ENTRYPOINT ["node", "bin/electrolake.mjs"]
CMD ["serve", "--port", "5000"]
