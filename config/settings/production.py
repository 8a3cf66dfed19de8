"""Production: PostgreSQL, Redis, Elasticsearch, HTTPS only. Refuses to start without keys."""

from django.core.exceptions import ImproperlyConfigured

from privacy.keyring import key_settings_from_env

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, env

DEBUG = False
globals().update(key_settings_from_env(env.ENVIRON, allow_ephemeral=False))
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to at least 50 random characters.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://...")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer or monitor may probe over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# One cache for every process on every machine, in the database intake already needs: a
# Redis cache would take the public pages down with the broker. Its table is made by
# `manage.py createcachetable` (deploy/README.md); CACHE_URL=redis://... is the alternative.
CACHES = {"default": env.cache_url("CACHE_URL", default="dbcache://django_cache")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A connection that died with the database is replaced before a request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
