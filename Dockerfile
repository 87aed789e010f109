# One image for the api, worker, simulators and migrate services of docker-compose.yml.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# Dev dependencies included: the postinstall step generates the Prisma client with the prisma CLI.
RUN npm ci && npm run build && chown -R node:node /app
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
USER node
