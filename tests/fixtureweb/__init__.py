"""The fixture web: a small multi-host internet on loopback for collector, crawler and QA tests.

One HTTPS server answers for every hostname; browsers reach it with
``--host-resolver-rules="MAP * 127.0.0.1:PORT"`` and ``--ignore-certificate-errors``.
Use :class:`tests.fixtureweb.server.FixtureWeb` (or the ``fixture_web`` pytest fixture).
"""
