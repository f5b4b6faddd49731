"""`openopvang serve --with-worker` (what `./run demo` starts): the web server,
one background worker and the scheduler of the daily jobs, stopped together; the address follows
OPENOPVANG_BIND."""

import sys

import pytest

from openopvang import cli


class FakeWorker:
    started: list = []

    def __init__(self, args):
        self.args = args
        self.stopped = False
        FakeWorker.started.append(self)

    def terminate(self):
        self.stopped = True

    def wait(self, timeout=None):
        return 0


def test_serve_with_worker_starts_and_stops_one_worker_and_the_scheduler(monkeypatch):
    import gunicorn.app.wsgiapp

    seen = {}

    def gunicorn_run():
        seen["argv"] = list(sys.argv)
        raise SystemExit(0)  # how gunicorn ends

    FakeWorker.started = []
    monkeypatch.setattr(cli.subprocess, "Popen", FakeWorker)
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", gunicorn_run)
    monkeypatch.setenv("OPENOPVANG_BIND", "0.0.0.0:9000")
    with pytest.raises(SystemExit):
        cli.serve(["--with-worker"])
    [worker, scheduler] = FakeWorker.started
    assert worker.args[-1] == "worker" and worker.stopped
    assert scheduler.args[-1] == "scheduler" and scheduler.stopped
    assert "--with-worker" not in seen["argv"]
    assert seen["argv"][seen["argv"].index("--bind") + 1] == "0.0.0.0:9000"


def test_serve_alone_starts_no_worker(monkeypatch):
    import gunicorn.app.wsgiapp

    FakeWorker.started = []
    monkeypatch.setattr(cli.subprocess, "Popen", FakeWorker)
    monkeypatch.setattr(gunicorn.app.wsgiapp, "run", lambda: None)
    assert cli.serve([]) == 0
    assert FakeWorker.started == []


def test_the_demo_prints_the_address_it_serves_on(monkeypatch):
    from openopvang.demo.data import demo_url

    monkeypatch.setenv("OPENOPVANG_BIND", "192.168.1.5:8080")
    assert demo_url() == "http://192.168.1.5:8080"
    monkeypatch.delenv("OPENOPVANG_BIND")
    assert demo_url() == "http://127.0.0.1:8000"
