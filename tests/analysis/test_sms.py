"""SMS record files: the UCI collection, CSV/TSV exports, JSON, JSONL and 7726-style forwarded reports."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapnet.analysis.reports.sms import LAYOUTS, SmsRecord, iter_sms_records, sniff_sms_layout
from tests.corpora import corpus_bytes

UCI = "uci-sms-spam-collection/SMSSpamCollection"


def _codes(record: SmsRecord) -> list[str]:
    return [defect.code for defect in record.defects]


# --- the UCI SMS Spam Collection ----------------------------------------------------------------------


@pytest.mark.corpora
def test_the_uci_collection_is_detected_without_being_told() -> None:
    assert sniff_sms_layout(corpus_bytes(UCI)) == "uci_tsv"


@pytest.mark.corpora
def test_the_uci_collection_gives_one_clean_record_per_line() -> None:
    data = corpus_bytes(UCI)
    records = list(iter_sms_records(data))
    assert len(records) == data.count(b"\n") == 3632
    assert [record.index for record in records] == list(range(1, len(records) + 1))
    assert Counter(record.label for record in records) == {"ham": 3147, "spam": 485}  # as SOURCE.md counts
    assert not [record for record in records if record.defects]
    assert records[0].text.startswith("Go until jurong point, crazy..")
    assert records[0].label == "ham"
    assert records[0].sender is None
    spam = next(record for record in records if record.label == "spam")
    assert spam.text.startswith("Free entry in 2 a wkly comp to win FA Cup final tkts")


def test_a_bad_uci_line_is_kept_with_a_defect() -> None:
    data = b"ham\tSee you at 6\nno tab on this line\nspam\t\nmaybe\tunsure label\n"
    assert sniff_sms_layout(data) is None  # not every line is label<TAB>text, so not sniffed as UCI
    records = list(iter_sms_records(data, "uci_tsv"))
    assert [record.text for record in records] == ["See you at 6", "no tab on this line", "", "unsure label"]
    assert _codes(records[1]) == ["sms.bad_record"]
    assert _codes(records[2]) == ["sms.empty_text"]
    assert _codes(records[3]) == ["sms.unknown_label"]


def test_a_uci_line_that_is_not_utf_8_falls_back_to_latin_1_on_its_own() -> None:
    data = b"ham\tcaf\xc3\xa9 at 6\nspam\tWin \xa3100 now\n"
    records = list(iter_sms_records(data))
    assert [record.text for record in records] == ["café at 6", "Win £100 now"]
    assert records[0].defects == ()
    assert _codes(records[1]) == ["sms.latin1_fallback"]


# --- CSV and TSV ----------------------------------------------------------------------------------------

CSV = (
    b"id,Message,From,Country,Date\n"
    b'1,"Your parcel is held, pay the fee at http://parcel.example",+447700900123,gb,2024-03-01 10:00\n'
    b"2,,VODAFONE,FR,2024/03/02 08:15\n"
    b"3,short row\n"
    b"4,Hi mum new number,123,DE,1709287200\n"
    b'5,"two\nlines",Bank,NL,01/03/2024\n'
)


def test_a_csv_export_is_sniffed_and_read_by_column_names() -> None:
    assert sniff_sms_layout(CSV) == "csv"
    records = list(iter_sms_records(CSV))
    assert len(records) == 5
    first = records[0]
    assert first.text == "Your parcel is held, pay the fee at http://parcel.example"
    assert first.sender == "+447700900123"
    assert first.recipient_country == "GB"
    assert first.received_at == "2024-03-01T10:00:00"
    assert first.label is None
    assert first.defects == ()
    assert records[1].received_at == "2024-03-02T08:15:00"
    assert _codes(records[1]) == ["sms.empty_text"]
    assert _codes(records[2]) == ["sms.bad_record"]
    assert records[2].text == "short row"
    assert records[3].received_at == "2024-03-01T10:00:00+00:00"  # a Unix time
    assert records[4].text == "two\nlines"  # a quoted field spanning lines
    assert records[4].received_at is None  # 01/03/2024 is ambiguous: day or month first
    assert _codes(records[4]) == ["sms.bad_date"]


def test_a_csv_row_in_latin_1_is_decoded_on_its_own() -> None:
    data = "text,sender\ncaf\u00e9 ouvert,A\n".encode() + "caf\u00e9 ferm\u00e9,B\n".encode("latin-1")
    records = list(iter_sms_records(data))
    assert [record.text for record in records] == ["café ouvert", "café fermé"]
    assert records[0].defects == ()
    assert _codes(records[1]) == ["sms.latin1_fallback"]


def test_a_tsv_with_a_header_is_not_taken_for_the_uci_layout() -> None:
    data = b"label\tsms\tsender_id\nspam\tWIN a car\tPROMO\nham\tok\t+15551234567\n"
    assert sniff_sms_layout(data) == "tsv"
    records = list(iter_sms_records(data))
    assert [(record.label, record.text, record.sender) for record in records] == [
        ("spam", "WIN a car", "PROMO"),
        ("ham", "ok", "+15551234567"),
    ]


def test_a_semicolon_separated_export_with_a_byte_order_mark_is_read() -> None:
    data = b"\xef\xbb\xbfOriginator;Body;Timestamp\nINFO;Pay now;2024-05-01T09:30:00+02:00\n"
    assert sniff_sms_layout(data) == "csv"
    (record,) = iter_sms_records(data)
    assert (record.sender, record.text, record.received_at) == (
        "INFO",
        "Pay now",
        "2024-05-01T09:30:00+02:00",
    )


def test_a_csv_without_a_text_column_gives_one_record_saying_so() -> None:
    data = b"a,b\n1,2\n"
    assert sniff_sms_layout(data) is None
    (record,) = iter_sms_records(data, "csv")
    assert "sms.no_text_column" in _codes(record)


# --- JSON, JSONL and 7726 reports -----------------------------------------------------------------------


def test_a_7726_forwarded_report_gives_its_text_and_the_sender_number() -> None:
    # 7726 (SPAM on a keypad): UK subscribers forward a spam SMS there, then send the sender's number.
    report = {
        "reports": [
            {
                "text": "HMRC: you are due a tax refund of 264.50 GBP, claim at http://hmrc-refund.example",
                "spam_number": "+447700900456",
                "country": "GB",
                "received_at": "2024-04-02T18:05:00Z",
            }
        ]
    }
    data = json.dumps(report).encode()
    assert sniff_sms_layout(data) == "json"
    (record,) = iter_sms_records(data)
    assert record.text.startswith("HMRC: you are due a tax refund")
    assert record.sender == "+447700900456"
    assert record.recipient_country == "GB"
    assert record.received_at == "2024-04-02T18:05:00+00:00"
    assert record.defects == ()


def test_a_json_list_keeps_bad_items_as_records_with_defects() -> None:
    data = json.dumps([{"message": "Hi", "sender": 447700900789}, "not an object", {"body": ""}]).encode()
    records = list(iter_sms_records(data))
    assert records[0].sender == "447700900789"
    assert _codes(records[1]) == ["sms.bad_record", "sms.empty_text"]
    assert _codes(records[2]) == ["sms.empty_text"]


def test_jsonl_is_sniffed_and_a_broken_line_is_kept() -> None:
    data = b'{"body": "first", "from": "A"}\n{broken\n{"content": "third", "date": "Tue, 02 Apr 2024 18:05:00 +0100"}\n'
    assert sniff_sms_layout(data) == "jsonl"
    records = list(iter_sms_records(data))
    assert [record.text for record in records] == ["first", "", "third"]
    assert _codes(records[1])[0] == "sms.bad_json"
    assert records[2].received_at == "2024-04-02T18:05:00+01:00"


@pytest.mark.corpora
@pytest.mark.parametrize(
    "relative",
    ["xarf-spec-samples/v4/messaging-bulk-messaging.json", "abusix-xarf-samples/positive/3/spam_sample.json"],
)
def test_an_x_arf_report_is_not_taken_for_sms_records(relative: str) -> None:
    assert sniff_sms_layout(corpus_bytes(relative)) is None


def test_json_without_a_message_text_is_not_sniffed_as_sms() -> None:
    assert sniff_sms_layout(b'{"name": "x", "value": 1}') is None
    assert sniff_sms_layout(b'[{"name": "x"}]') is None
    assert sniff_sms_layout(b'{"id": 1}\n{"id": 2}\n') is None


def test_broken_json_gives_one_record_with_the_reason() -> None:
    (record,) = iter_sms_records(b'[{"text": "a"', "json")
    assert _codes(record)[0] == "sms.bad_json"


def test_unknown_text_is_read_as_one_message() -> None:
    (record,) = iter_sms_records(b"URGENT: your account is locked, call 0800 000 000")
    assert record.text == "URGENT: your account is locked, call 0800 000 000"
    assert _codes(record) == ["sms.unknown_layout"]


def test_empty_input_gives_no_records_and_a_bad_layout_name_is_a_programming_error() -> None:
    assert list(iter_sms_records(b"  \n")) == []
    assert sniff_sms_layout(b"") is None
    with pytest.raises(ValueError, match="unknown SMS layout"):
        list(iter_sms_records(b"x", "xml"))


# --- hostile input ------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([None, *LAYOUTS]))
def test_iter_sms_records_never_raises_on_arbitrary_bytes(data: bytes, layout: str | None) -> None:
    records = list(iter_sms_records(data, layout))
    assert [record.index for record in records] == list(range(1, len(records) + 1))
    for record in records:
        assert isinstance(record.text, str)
        record.text.encode("utf-8")  # always valid text, whatever the bytes were


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["ham", "spam"]), st.text(min_size=1, max_size=40)), min_size=1, max_size=20
    )
)
def test_any_uci_file_is_sniffed_and_read_back(rows: list[tuple[str, str]]) -> None:
    rows = [(label, " ".join(text.split()) or "x") for label, text in rows]  # one line, no tab
    data = "".join(f"{label}\t{text}\n" for label, text in rows).encode()
    assert sniff_sms_layout(data) == "uci_tsv"
    assert [(record.label, record.text) for record in iter_sms_records(data)] == rows
