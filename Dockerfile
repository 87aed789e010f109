# One image for the api, worker, simulators and migrate services of docker-compose.yml.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# Dev dependencies included: the postinstall step generates the Prisma client with the prisma CLI.
RUN npm ci && chown -R node:node /app
USER node
