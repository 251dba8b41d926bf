# The electrolake command line, installed from the same npm tarball as
# `npm install -g ./electrolake-<version>.tgz` (compiled JavaScript, built
# dashboard, runtime dependencies only), on Node 20.
#   docker build -t electrolake .
#   docker run --rm -p 5000:5000 electrolake demo          # sample data → dashboard on http://localhost:5000
#   docker run --rm -p 5000:5000 -v "$PWD/data:/app/data" electrolake serve

# Stage 1: `npm pack` builds the tarball: its `prepack` script runs
# `npm run build:dist` (scripts/build-dist.mjs compiles src/ to dist/), its
# `prepare` script `npm run build` (dist/ again, and the dashboard into web/dist).
FROM node:20-bookworm-slim AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm pack --pack-destination /tarball

# Stage 2: only the installed package.
FROM node:20-bookworm-slim
COPY --from=pack /tarball/ /tmp/tarball/
RUN npm install -g --no-audit --no-fund /tmp/tarball/electrolake-*.tgz && rm -rf /tmp/tarball /root/.npm
# serve (and demo) listen on loopback by default (the API serves client
# names); in a container they must listen on every interface to be reachable.
ENV NODE_ENV=production PORT=5000 HOST=0.0.0.0
# Sources, lake and published store go under /app/data (mount it to keep them).
WORKDIR /app
RUN chown node:node /app
USER node
EXPOSE 5000
ENTRYPOINT ["electrolake"]
CMD ["demo"]
