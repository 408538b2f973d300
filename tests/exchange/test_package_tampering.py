from __future__ import annotations

import io
import zipfile

import pytest

from lapnet.exchange.package import Limits, PackageError, verify_package
from tests.exchange import support

SIGNED_PARTS = {"manifest.json", "manifest.sig"}


@pytest.fixture(scope="module")
def signed() -> tuple[bytes, support.TrustedKey]:
    key, trusted = support.node_key()
    return support.package(key), trusted


def test_one_flipped_byte_in_any_file_is_detected(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, trusted = signed
    entries = support.members(data)
    checked = 0
    for index, (name, content) in enumerate(entries):
        for position in sorted({0, 1, len(content) // 3, len(content) // 2, len(content) - 1}):
            tampered = list(entries)
            tampered[index] = (name, support.flip(content, position))
            with pytest.raises(PackageError) as caught:
                verify_package(support.rezip(tampered), [trusted])
            if name in SIGNED_PARTS:
                assert caught.value.code in ("signature", "unknown_key"), caught.value
                assert caught.value.path in SIGNED_PARTS
            else:
                assert caught.value.code == "hash_mismatch", caught.value
                assert caught.value.path == name
                assert name in str(caught.value)
            checked += 1
    assert checked >= 5 * 6


def test_flipped_bytes_inside_the_archive_are_detected(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, trusted = signed
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        regions = [
            (
                info.filename,
                info.header_offset + 30 + len(info.filename.encode()) + len(info.extra),
                info.compress_size,
            )
            for info in archive.infolist()
        ]
    for name, start, size in regions:
        for position in sorted({start, start + size // 2, start + size - 1}):
            with pytest.raises(PackageError) as caught:
                verify_package(support.flip(data, position), [trusted])
            assert caught.value.path == name or caught.value.code in ("signature", "zip"), caught.value


def test_no_flipped_byte_anywhere_changes_what_verifies(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, trusted = signed
    original = verify_package(data, [trusted]).contents
    for position in range(0, len(data), 61):
        try:
            verified = verify_package(support.flip(data, position), [trusted])
        except PackageError:
            continue
        assert verified.contents == original  # only container metadata (a timestamp, say) changed


def test_a_package_signed_by_an_unknown_key_is_rejected(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, _ = signed
    _, stranger = support.node_key()
    with pytest.raises(PackageError) as caught:
        verify_package(data, [stranger])
    assert caught.value.code == "unknown_key"
    assert "not a trusted key" in str(caught.value)


def test_a_trusted_key_of_another_node_cannot_speak_for_the_sender() -> None:
    key, _ = support.node_key()
    data = support.package(key)
    other_node = support.TrustedKey("node-fr", key.public_key())
    with pytest.raises(PackageError) as caught:
        verify_package(data, [other_node])
    assert caught.value.code == "node_mismatch"


def test_an_extra_file_not_in_the_manifest_is_rejected(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, trusted = signed
    entries = [*support.members(data), ("evidence/" + "0" * 64 + ".eml", b"From: x\r\n\r\nplanted\r\n")]
    with pytest.raises(PackageError) as caught:
        verify_package(support.rezip(entries), [trusted])
    assert caught.value.code == "extra_file"
    assert caught.value.path == "evidence/" + "0" * 64 + ".eml"


@pytest.mark.parametrize("missing", ["proforma.pdf", "header-walk.json", "manifest.sig", "manifest.json"])
def test_a_missing_file_is_rejected(signed: tuple[bytes, support.TrustedKey], missing: str) -> None:
    data, trusted = signed
    entries = [(name, content) for name, content in support.members(data) if name != missing]
    with pytest.raises(PackageError) as caught:
        verify_package(support.rezip(entries), [trusted])
    assert caught.value.code == "missing_file"
    assert caught.value.path == missing


def test_a_missing_evidence_file_is_named(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, trusted = signed
    entries = [(name, content) for name, content in support.members(data) if not name.startswith("evidence/")]
    with pytest.raises(PackageError) as caught:
        verify_package(support.rezip(entries), [trusted])
    assert caught.value.code == "missing_file"
    assert caught.value.path.startswith("evidence/")


@pytest.mark.parametrize(
    "name",
    [
        "../evil.eml",
        "/etc/passwd",
        "evidence/../../escape.eml",
        "evidence\\..\\x.eml",
        "C:/windows/x",
        "evidence//x.eml",
    ],
)
def test_path_traversal_names_are_rejected(signed: tuple[bytes, support.TrustedKey], name: str) -> None:
    data, trusted = signed
    with pytest.raises(PackageError) as caught:
        verify_package(support.rezip([*support.members(data), (name, b"x")]), [trusted])
    assert caught.value.code == "unsafe_name"
    assert caught.value.path == name


def test_a_duplicate_member_is_rejected(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, trusted = signed
    entries = support.members(data)
    with pytest.raises(PackageError) as caught:
        verify_package(support.rezip([*entries, entries[2]]), [trusted])
    assert caught.value.code == "duplicate_name"


def test_a_zip_bomb_is_rejected_before_it_is_expanded(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, trusted = signed
    bomb = support.rezip([*support.members(data), ("header-walk.txt.bak", b"\0" * (20 * 1024 * 1024))])
    with pytest.raises(PackageError) as caught:
        verify_package(bomb, [trusted])
    assert caught.value.code == "zip_bomb"


def test_an_oversized_member_is_rejected(signed: tuple[bytes, support.TrustedKey]) -> None:
    data, trusted = signed
    with pytest.raises(PackageError) as caught:
        verify_package(data, [trusted], limits=Limits(max_member_bytes=10_000))
    assert caught.value.code == "oversized"
    assert caught.value.path == "proforma.pdf"


def test_bytes_that_are_not_a_zip_are_rejected() -> None:
    _, trusted = support.node_key()
    with pytest.raises(PackageError) as caught:
        verify_package(b"PK\x03\x04 truncated", [trusted])
    assert caught.value.code == "zip"
