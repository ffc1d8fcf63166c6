# Warrant for a team (issue 15): one image for the API (`serve`) and the job takers (`worker`).
# See docker-compose.yml and README "Running it for a team".
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# bin/ first: npm ci runs the prepare script (bin/build.js), which has no src/ to build yet
COPY bin bin
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY src src
COPY rules rules
COPY web web
COPY samples samples
# the compiled CLI (dist/), so that serve and worker start without the TypeScript loader
RUN node bin/build.js
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8787 WARRANT_DATA_DIR=/tmp/warrant
USER node
EXPOSE 8787
ENTRYPOINT ["node", "bin/warrant.js"]
CMD ["serve"]
