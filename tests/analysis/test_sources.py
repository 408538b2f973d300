"""Finding inputs and splitting them: folders, Maildir, mbox, SMS record files, X-ARF JSON."""

from __future__ import annotations

from pathlib import Path

from lapnet.analysis.sources import is_mbox, iter_files, iter_items, split_mbox
from lapnet.analysis.types import Kind
from tests.corpora import corpus_bytes, corpus_file

MBOX = (
    b"From alice@example.org  Tue Jun 14 19:52:09 2005\n"
    b"From: alice@example.org\nSubject: one\n\nbody one\n>From the quoted line\n\n"
    b"From MAILER-DAEMON Tue Nov 15 11:01:01 2005\n"
    b"From: bob@example.org\nSubject: two\n\nbody two\nFrom here on, at 12:00, an unquoted line\n\n"
    b"From carol@example.org Wed Jun 15 16:45:29 2005\r\n"
    b"From: carol@example.org\r\nSubject: three\r\n\r\nbody three\r\n"
)


def test_it_splits_an_mbox_on_separator_lines_only_after_a_blank_line() -> None:
    messages = list(split_mbox(MBOX))
    # "From here on, at 12:00, ..." looks like a separator but follows a body line: not a cut
    assert len(messages) == 3
    assert b"From here on, at 12:00, an unquoted line\n" in messages[1]
    assert [m.split(b"\n", 2)[1] for m in messages[:2]] == [
        b"From: alice@example.org",
        b"From: bob@example.org",
    ]
    assert messages[0].endswith(b">From the quoted line\n\n")
    assert messages[-1].startswith(b"From carol@example.org Wed Jun 15 16:45:29 2005\r\nFrom: carol")
    assert b"".join(messages) == MBOX, "the records are exact slices: together they are the file"
    assert is_mbox(MBOX)
    assert not is_mbox(b"From: alice@example.org\n\nhi")


def test_mbox_records_hash_as_the_corpus_manifest_says() -> None:
    # nazario-phishing-corpus/MANIFEST.tsv lists the SHA-256 of each record of each mbox
    import csv
    import hashlib

    manifest = corpus_file("nazario-phishing-corpus/MANIFEST.tsv")
    with manifest.open(encoding="utf-8") as handle:
        expected = {
            int(row["index_in_container"]): row["sha256"]
            for row in csv.DictReader(handle, delimiter="\t")
            if row["container"] == "phishing1.mbox"
        }
    data = corpus_bytes("nazario-phishing-corpus/phishing1.mbox")
    items = list(iter_items(Path("phishing1.mbox"), data))
    assert {item.source.index: hashlib.sha256(item.data).hexdigest() for item in items} == expected


def test_sms_records_hash_as_the_corpus_manifest_says() -> None:
    import csv
    import hashlib

    manifest = corpus_file("uci-sms-spam-collection/MANIFEST.tsv")
    with manifest.open(encoding="utf-8") as handle:
        expected = {
            int(row["index_in_container"]): row["sha256"] for row in csv.DictReader(handle, delimiter="\t")
        }
    data = corpus_bytes("uci-sms-spam-collection/SMSSpamCollection")
    items = list(iter_items(Path("SMSSpamCollection"), data))
    assert {item.source.index: hashlib.sha256(item.data).hexdigest() for item in items} == expected


def test_it_reads_every_record_of_the_nazario_mbox() -> None:
    # MANIFEST.tsv of nazario-phishing-corpus lists 288 records in 20051114.mbox
    data = corpus_bytes("nazario-phishing-corpus/20051114.mbox")
    items = list(iter_items(Path("20051114.mbox"), data))
    assert len(items) == 288
    assert [item.source.index for item in items[:3]] == [1, 2, 3]
    assert items[0].data.startswith(b"From aw-confirm@ebay.com  Tue Jun 14 19:52:09 2005\n")


def test_it_detects_the_uci_sms_collection_without_being_told() -> None:
    data = corpus_bytes("uci-sms-spam-collection/SMSSpamCollection")
    items = list(iter_items(Path("SMSSpamCollection"), data))
    assert len(items) == data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    assert {item.kind for item in items} == {Kind.SMS}
    assert items[0].sms is not None and items[0].sms.label in {"ham", "spam"}


def test_it_detects_xarf_json_without_being_told() -> None:
    path = corpus_file("xarf-spec-samples/v4/messaging-bulk-messaging.json")
    items = list(iter_items(path, path.read_bytes()))
    assert [item.kind for item in items] == [Kind.XARF]


def test_it_walks_a_maildir_tree_in_sorted_order(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "Maildir" / sub).mkdir(parents=True)
    (tmp_path / "Maildir" / "new" / "2.host").write_bytes(b"Subject: b\n\nb")
    (tmp_path / "Maildir" / "cur" / "1.host:2,S").write_bytes(b"Subject: a\n\na")
    files = list(iter_files([tmp_path]))
    assert [f.name for f in files] == ["1.host:2,S", "2.host"]


def test_a_forced_kind_wins_over_detection(tmp_path: Path) -> None:
    data = b"ham\tHello there\nspam\tWIN a prize now\n"
    assert [i.kind for i in iter_items(tmp_path / "x", data)] == [Kind.SMS, Kind.SMS]
    assert [i.kind for i in iter_items(tmp_path / "x", data, Kind.EMAIL)] == [Kind.EMAIL]
