# syntax=docker/dockerfile:1
# Production image: gunicorn serving platform_site.wsgi, static files through whitenoise.
# Configured only through environment variables (see README: DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, DJANGO_CSRF_TRUSTED_ORIGINS, ...).

# --- Stage 1: build wheels for the pinned dependencies -------------------------------
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /build
COPY requirements.lock .
RUN pip wheel --wheel-dir /wheels -r requirements.lock

# --- Stage 2: the application, with static files and message catalogues built -------
FROM python:3.11-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_DEBUG=false \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    PORT=8000 \
    WEB_CONCURRENCY=3 \
    FORWARDED_ALLOW_IPS=127.0.0.1,::1

# The PDF renderer (WeasyPrint) needs Pango and HarfBuzz; DejaVu has every Czech glyph.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app && useradd --system --gid app --home-dir /app --no-create-home app

COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links /wheels /wheels/*.whl && rm -rf /wheels

WORKDIR /app
COPY --chown=app:app . .

# Build-time only values: nothing here reaches the running container's settings.
RUN DJANGO_SECRET_KEY=build-only-not-secret \
    DATABASE_URL=postgres://build@localhost/unused \
    python manage.py collectstatic --noinput --verbosity 0 \
 && DJANGO_SECRET_KEY=build-only-not-secret \
    DATABASE_URL=postgres://build@localhost/unused \
    python manage.py compile_catalogues \
 && chown -R app:app /app/staticfiles /app/locale

USER app
EXPOSE 8000

# The check asks for the first allowed host name, as a request through the load balancer would.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; host = os.environ.get('DJANGO_ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.'); host = 'localhost' if host in ('', '*') else host; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), headers={'Host': host}), timeout=4)"]

# gunicorn reads gunicorn.conf.py: $WEB_CONCURRENCY threaded workers on 0.0.0.0:$PORT; it
# believes X-Forwarded-Proto only from $FORWARDED_ALLOW_IPS (set it to the TLS proxy's address).
CMD ["gunicorn", "platform_site.wsgi:application"]
