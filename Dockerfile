# Madoguchi server image: the front end is built with Node, the app runs on slim Python.
# docker build -t madoguchi . && docker run -p 8000:8000 -v madoguchi-data:/data \
#   -e PUBLIC_URL=https://madoguchi.city.example madoguchi

FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
# The wire types come from the committed schema (src/lib/protocol.schema.json): no Python needed here.
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATABASE_URL=sqlite+aiosqlite:////data/madoguchi.db \
    FRONTEND_DIST=/app/frontend/dist
WORKDIR /app
# The server does not need the bridge's hardware extras (pyscard, aiortc, OpenCV); receipts need
# Japanese fonts.
COPY pyproject.toml README.md ./
COPY backend/ backend/
COPY device_bridge/ device_bridge/
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-ipaexfont-gothic fonts-ipamj-mincho \
 && rm -rf /var/lib/apt/lists/* \
 && pip install . \
 && useradd --system --uid 10001 --home-dir /app madoguchi \
 && mkdir /data && chown madoguchi /data
COPY --from=frontend /src/frontend/dist /app/frontend/dist
USER madoguchi
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/ready')"
# serve: migrate, load the catalogue (idempotent), print URLs and the first admin's link, run uvicorn.
CMD ["madoguchi", "serve"]
