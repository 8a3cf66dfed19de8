"""Gunicorn settings for production: `gunicorn -c config/gunicorn.py config.wsgi`.

The access log never records who made a request: no client address (%(h)s), no user agent
(%(a)s), no referrer (%(f)s), no headers and no query string (it could carry a token). What is
left (time, method, path, status, size, duration) is enough to operate the service.
"""

import os

from gunicorn.glogging import Logger

# Probes every few seconds would drown the requests that matter.
UNLOGGED_PATHS = frozenset({"/healthz", "/readyz"})


class ProbeQuietLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if req.path not in UNLOGGED_PATHS:
            super().access(resp, req, environ, request_time)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
accesslog = "-"
logger_class = ProbeQuietLogger
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# Client addresses are never needed: nothing may trust or record X-Forwarded-For.
forwarded_allow_ips = ""
proxy_allow_ips = ""
limit_request_line = 8190
