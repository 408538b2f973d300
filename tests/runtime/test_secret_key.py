"""The secret key of a local installation: made once in the data folder (0600), before the settings."""

from __future__ import annotations

import stat
from pathlib import Path

from lapnet.runtime.keys import SECRET_KEY_FILE_NAME, ensure_secret_key


def test_it_makes_a_private_key_file_once_and_points_secret_key_file_at_it(tmp_path: Path) -> None:
    environ = {"LAPNET_DATA_DIR": str(tmp_path / "data")}
    path = ensure_secret_key(environ)

    assert path == tmp_path / "data" / SECRET_KEY_FILE_NAME
    assert environ["SECRET_KEY_FILE"] == str(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    key = path.read_text(encoding="ascii").strip()
    assert len(key) >= 50

    again = {"LAPNET_DATA_DIR": str(tmp_path / "data")}
    ensure_secret_key(again)
    assert Path(again["SECRET_KEY_FILE"]).read_text(encoding="ascii").strip() == key
    assert [p.name for p in path.parent.iterdir()] == [SECRET_KEY_FILE_NAME]  # no temporary file left


def test_a_configured_key_is_left_alone(tmp_path: Path) -> None:
    for environ in (
        {"LAPNET_DATA_DIR": str(tmp_path), "SECRET_KEY": "from-the-environment"},
        {"LAPNET_DATA_DIR": str(tmp_path), "SECRET_KEY_FILE": "/run/secrets/key"},
    ):
        before = dict(environ)
        assert ensure_secret_key(environ) is None
        assert environ == before
    assert not (tmp_path / SECRET_KEY_FILE_NAME).exists()


def test_a_key_file_others_can_read_is_narrowed_to_its_owner(tmp_path: Path) -> None:
    key = tmp_path / SECRET_KEY_FILE_NAME
    key.write_text("an-existing-key-" + "x" * 40, encoding="ascii")
    key.chmod(0o644)
    ensure_secret_key({"LAPNET_DATA_DIR": str(tmp_path)})
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text(encoding="ascii").startswith("an-existing-key-")
