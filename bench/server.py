"""The site's WSGI application, measured: one JSON line per request in ``BENCH_LOG``.

Each line holds the request's ``X-Bench-Id``, the number of SQL queries and
their time, the server's time from the start of the request to the last byte
of the body (streamed bodies included) and the worker's peak memory above what
it held before the request. Peak memory is the kernel's high-water mark of the
resident set (``VmHWM``), reset before each request through ``clear_refs``.
Only the benchmark serves this module; production serves ``platform_site.wsgi``.
"""

import json
import os
import time

from django.db import connection

from platform_site.wsgi import application as site_application

LOG_PATH = os.environ.get("BENCH_LOG", "bench.log")


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


class Measurement:
    def __init__(self, bench_id: str):
        self.bench_id = bench_id
        self.queries = 0
        self.sql_seconds = 0.0
        self.has_peak = _reset_peak()
        self.rss_before = _status_kib("VmRSS:")
        self.started = time.perf_counter()

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_seconds += time.perf_counter() - started
            self.queries += 1

    def finish(self, status: str, size: int) -> None:
        peak = _status_kib("VmHWM:") - self.rss_before if self.has_peak else None
        record = {
            "id": self.bench_id,
            "status": status,
            "queries": self.queries,
            "sql_ms": round(self.sql_seconds * 1000, 2),
            "server_ms": round((time.perf_counter() - self.started) * 1000, 2),
            "peak_kib": peak,
            "bytes": size,
        }
        with open(LOG_PATH, "a") as log:
            log.write(json.dumps(record) + "\n")


class MeasuredBody:
    """The response body; the measurement ends when the server closes it."""

    def __init__(self, body, measurement: Measurement, status: list):
        self.body, self.measurement, self.status = body, measurement, status
        self.size = 0

    def __iter__(self):
        for chunk in self.body:
            self.size += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            if self.measurement in connection.execute_wrappers:
                connection.execute_wrappers.remove(self.measurement)
            self.measurement.finish(self.status[0] if self.status else "", self.size)


def application(environ, start_response):
    bench_id = environ.get("HTTP_X_BENCH_ID")
    if not bench_id:
        return site_application(environ, start_response)
    measurement = Measurement(bench_id)
    connection.execute_wrappers.append(measurement)
    status: list = []

    def recording_start_response(code, headers, exc_info=None):
        status.append(code.split()[0])
        return start_response(code, headers, exc_info)

    body = site_application(environ, recording_start_response)
    return MeasuredBody(body, measurement, status)
