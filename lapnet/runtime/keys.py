"""The secret key of a local installation, generated once into the data folder.

``lapnet.settings`` refuses to start in production mode without ``SECRET_KEY`` (or ``SECRET_KEY_FILE``),
so that a deployment never runs on a guessable key. A single-machine installation should not have to
invent one: when the environment names no key, the ``lapnet`` command line points ``SECRET_KEY_FILE`` at
``<data folder>/secret_key``, creating it (random, mode 0600) the first time. This runs *before* the
settings are read, hence no Django here. A WSGI server importing ``lapnet.wsgi`` directly gets no such
help: a multi-node deployment must share one key, and is told so by the settings.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import MutableMapping
from pathlib import Path

SECRET_KEY_FILE_NAME = "secret_key"  # noqa: S105 - a file name, not a secret


def data_dir(environ: MutableMapping[str, str] | None = None) -> Path:
    """The data folder, read exactly as ``lapnet.settings.DATA_DIR`` reads it (same variable, default)."""
    environ = os.environ if environ is None else environ
    default = Path(__file__).resolve().parents[2] / "var"  # settings: BASE_DIR.parent / "var"
    return Path(environ.get("LAPNET_DATA_DIR", str(default))).resolve()


def ensure_secret_key(environ: MutableMapping[str, str] | None = None) -> Path | None:
    """Point ``SECRET_KEY_FILE`` at the data folder's key when no key is configured; returns its path.

    The key is written to a private temporary file and linked into place (``link`` fails when the name
    exists), so two commands starting at once agree on one complete key; a key file that others can
    read is narrowed to its owner.
    """
    environ = os.environ if environ is None else environ
    if environ.get("SECRET_KEY") or environ.get("SECRET_KEY_FILE"):
        return None
    folder = data_dir(environ)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / SECRET_KEY_FILE_NAME
    if not path.exists():
        _create_key_file(path)
    elif path.stat().st_mode & 0o077:
        path.chmod(0o600)
    if not path.read_text(encoding="ascii").strip():
        raise SystemExit(f"lapnet: the secret key file {path} is empty: delete it to have a new one made")
    environ["SECRET_KEY_FILE"] = str(path)
    return path


def _create_key_file(path: Path) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return  # another command made it first: use theirs
    finally:
        temporary.unlink(missing_ok=True)
    print(f"lapnet: generated a secret key for this installation in {path}", file=sys.stderr)
