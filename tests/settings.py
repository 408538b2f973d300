"""Settings for the test suite: lapnet's own settings, read with test defaults in the environment.

An isolated data folder, a development key, immediate tasks (tests of the worker opt into the
database backend themselves). ``LAPNET_TEST_DATABASE_URL`` runs the suite on PostgreSQL.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("LAPNET_DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "k" * 40)
os.environ["LAPNET_DATA_DIR"] = tempfile.mkdtemp(prefix="lapnet-test-")
os.environ.setdefault("LAPNET_TASK_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("LAPNET_HTTPS", "0")
if os.environ.get("LAPNET_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["LAPNET_TEST_DATABASE_URL"]

from lapnet.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; production keeps the default
