# Pier in a container: docker build -t pier . && docker run -p 5433:5433 -v pier-warehouse:/data pier
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
ENV PIER_HOST=0.0.0.0 PIER_WAREHOUSE=/data PIER_ADMIN_HOST=0.0.0.0
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 5433 5480
USER node
CMD ["node", "--enable-source-maps", "dist/server/cli.js", "serve"]
