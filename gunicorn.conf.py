"""gunicorn's settings for the site (read from the working directory by ``gunicorn``).

Each worker process serves requests from a pool of threads. A sync worker is killed
when one request takes longer than ``timeout``, however steadily it sends data, so a
researcher's export of the whole catalogue, streamed row by row, would break off after
a minute. A threaded worker reports to the arbiter from its main loop while its
threads serve: ``timeout`` then restarts only a worker that stopped responding, and a
long download streams to its end. Slow SQL is bounded by the database's statement
timeout (``DATABASE_STATEMENT_TIMEOUT``) instead.

Environment: ``WEB_CONCURRENCY`` worker processes (gunicorn's own variable),
``GUNICORN_THREADS`` threads each, ``PORT`` to bind to.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
graceful_timeout = 30
keepalive = 5
accesslog = "-"
