"""X-ARF reports: v4 against the published 4.2.0 schemas, the v3 JSON family and X-ARF 0.x in email.

About ``abusix-xarf-samples``: none of its 200 files is an X-ARF v4 report. They are the test documents of
Abusix's own JSON schemas (schema versions "1", "2", "3", "alpha" and "development"), the PascalCase
``ReporterInfo``/``Report`` family that the xarf-spec repository calls "v3". Not one carries
``xarf_version``, so against the 4.2.0 schemas every one of them, positive or negative, is invalid
(``test_no_abusix_sample_is_an_x_arf_4_2_0_report`` pins that). lapnet therefore reads them as v3 and
checks them with its v3 rules (``lapnet.analysis.reports.xarf_legacy``): all 66 positive samples pass and
all 134 negative ones fail with an error naming the problem.

One rule differs between the Abusix schema versions and lapnet follows the version the report
declares: in versions 1 and 2 a content-class Malware report must name the malware's URL
(``negative/1|2/invalid_missing_url.json``), in version 3 it need not (``positive/3/malware_no_url.json``).
Two positive samples use forms the checks accept on purpose: ``positive/alpha/copyright_sample.json``
gives ``FileHash`` as a bare string (the alpha schema's form, an object from version 3 on), and the
botnet samples carry ``"AAAAAAAAAAAAAAAAAAAAAA"`` as a base64 payload without its padding, which no
Abusix schema checks: lapnet decodes it leniently and records an ``xarf.bad_base64`` defect, not an error.
"""

from __future__ import annotations

import base64
import email
import json
import os
import re
from email import policy
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapnet.analysis.message import parse_message
from lapnet.analysis.reports.xarf import find_xarf_in_email, looks_like_xarf, parse_xarf, validate_v4
from tests.corpora import corpus_bytes


def _manifest(folder: str) -> list[str]:
    """The files of a corpus folder, from its manifest (a placeholder that skips when LAPNET_CORPORA is
    unset, one that fails when the manifest is missing)."""
    root = os.environ.get("LAPNET_CORPORA")
    if not root:
        return ["(corpora not available)"]
    manifest = Path(root, folder, "MANIFEST.tsv")
    if not manifest.is_file():
        return [f"{folder}/MANIFEST.tsv"]
    lines = manifest.read_text(encoding="utf-8").splitlines()[1:]
    return [f"{folder}/{line.split(chr(9))[0]}" for line in lines if line.strip()]


def _codes(parsed: Any) -> list[str]:
    return [defect.code for defect in parsed.defects]


def _v4(**changes: Any) -> bytes:
    """A valid v4 messaging/spam report (the schema's own example) with ``changes`` applied; a None
    value removes the key."""
    report: dict[str, Any] = {
        "xarf_version": "4.2.0",
        "report_id": "123e4567-e89b-12d3-a456-426614174000",
        "timestamp": "2024-01-15T14:30:25Z",
        "reporter": {
            "org": "Spam Reporting Service",
            "contact": "reports@spam-reports.example",
            "domain": "spam-reports.example",
        },
        "sender": {
            "org": "Spam Reporting Service",
            "contact": "reports@spam-reports.example",
            "domain": "spam-reports.example",
        },
        "source_identifier": "192.0.2.123",
        "source_port": 25,
        "category": "messaging",
        "type": "spam",
        "protocol": "smtp",
        "smtp_from": "fake@example.com",
        "evidence_source": "spamtrap",
        "evidence": [
            {
                "content_type": "message/rfc822",
                "description": "Complete spam email with headers",
                "payload": base64.b64encode(
                    b"From: fake@example.com\r\nSubject: Verify\r\n\r\nClick\r\n"
                ).decode(),
            }
        ],
    }
    for key, value in changes.items():
        if value is None:
            report.pop(key, None)
        else:
            report[key] = value
    return json.dumps(report).encode()


# --- the corpora --------------------------------------------------------------------------------------


@pytest.mark.corpora
@pytest.mark.parametrize("relative", _manifest("xarf-spec-samples"))
def test_every_xarf_spec_sample_is_valid(relative: str) -> None:
    data = corpus_bytes(relative)
    parsed = parse_xarf(data)
    assert looks_like_xarf(data)
    assert parsed.report.format == "xarf"
    assert parsed.report.valid, parsed.report.errors
    expected_version = "3" if "/v3/" in relative else "4.2.0"
    assert parsed.report.version == expected_version
    assert parsed.report.feedback_type is not None
    assert parsed.evidence, f"{relative}: every sample carries evidence"


@pytest.mark.corpora
def test_it_reads_the_v4_phishing_sample() -> None:
    parsed = parse_xarf(corpus_bytes("xarf-spec-samples/v4/content-phishing.json"))
    report = parsed.report
    assert report.feedback_type == "content/phishing"
    assert report.source_ip == "203.0.113.45"
    assert report.reported_uris == ("http://secure-banking-login.example.com/auth",)
    assert report.reporter_org == "Brand Protection Service"
    assert report.reporter_contact == "takedown@brand-protect.example"
    assert report.arrival_date == "2025-01-11T15:15:24+00:00"
    assert report.protocol is None  # not a messaging report
    assert ("target_brand", "Major Bank Corp") in report.fields
    assert ("evidence[1].content_type", "text/html") in report.fields
    assert [content_type for content_type, _ in parsed.evidence] == ["image/png", "text/html"]
    assert parsed.evidence[0][1].startswith(b"\x89PNG")


@pytest.mark.corpora
def test_it_reads_the_v4_bulk_messaging_sample() -> None:
    parsed = parse_xarf(corpus_bytes("xarf-spec-samples/v4/messaging-bulk-messaging.json"))
    report = parsed.report
    assert report.feedback_type == "messaging/bulk_messaging"
    assert report.protocol == "smtp"
    assert report.source_ip is None
    assert report.reported_domains == ("mail.bulk-sender.example",)  # the source is a host name
    assert report.original_mail_from == "promotions@bulk-sender.example"
    assert parsed.sender == "promotions@bulk-sender.example"
    assert parsed.evidence == (("text/csv", b"recipient,email\nuser1@example.com,user1@example.com"),)
    assert ("tags[1]", "volume:high") in report.fields
    assert ("bounce_rate", "0.45") in report.fields


@pytest.mark.corpora
def test_it_checks_evidence_hashes_against_the_decoded_payload() -> None:
    parsed = parse_xarf(corpus_bytes("xarf-spec-samples/v4/content-fraud.json"))
    assert parsed.report.valid  # the schema cannot see it: the sample's hash is made up
    mismatches = [defect for defect in parsed.defects if defect.code == "xarf.evidence_hash_mismatch"]
    assert [defect.where for defect in mismatches] == ["$.evidence[0]"]


@pytest.mark.corpora
def test_it_reads_the_v3_spam_sample_and_decodes_its_embedded_email() -> None:
    parsed = parse_xarf(corpus_bytes("xarf-spec-samples/v3/spam_v3_sample.json"))
    report = parsed.report
    assert report.version == "3"
    assert report.feedback_type == "messaging/spam"
    assert report.source_ip == "192.168.1.100"
    assert report.protocol == "smtp"
    assert report.reporter_org == "Example Anti-Spam Service"
    assert report.reporter_contact == "abuse@antispam-service.example"
    assert parsed.sender == "marketing@example.com"
    assert ("Version", "3.0.0") in report.fields
    content_type, payload = parsed.evidence[0]
    assert content_type == "message/rfc822"
    assert payload.startswith(b"Received: from example.com (example.com [192.168.1.100])")


@pytest.mark.corpora
def test_it_reads_an_abusix_v3_spam_sample() -> None:
    parsed = parse_xarf(corpus_bytes("abusix-xarf-samples/positive/3/spam_sample.json"))
    report = parsed.report
    assert report.valid
    assert report.feedback_type == "messaging/spam"
    assert report.source_ip == "192.0.2.55"
    assert report.original_mail_from == "spam@example.com"
    assert report.original_rcpt_to == ("victim@example.com",)
    assert report.reporter_org == "ExampleOrg"
    assert parsed.evidence == (("message/rfc822", b"mail"),)


# The word each negative sample's errors must contain, keyed by the start of its file name: the file
# name says what is wrong, the error must say it too.
NEGATIVE_PROBLEMS = {
    "invalid_additional_fields": r"\$\.Report\.Custom",
    "invalid_b64_flag": r"Base64Encoded.*boolean",
    "invalid_byte_count": r"ByteCount",
    "invalid_date": r"\$\.Report\.Date: .* is not a 'date-time'",
    "invalid_destination": r"Destination(Ip|Port)",
    "invalid_emails": r"is not a 'email'",
    "invalid_empty_account": r"\$\.Report\.Account: \{\} should be non-empty",
    "invalid_empty": r"'Report' is a required property",
    "invalid_exploit_wrong_cve": r"\$\.Report\.CVE: .* is not a 'CVE id'",
    "invalid_exploit_wrong_vector": r"\$\.Report\.CVSS\.Vector",
    "invalid_exploit_wrong_version": r"\$\.Report\.CVSS\.Version",
    "invalid_file_info": r"FileSize|FileHash",
    "invalid_first_seen": r"\$\.Report\.FirstSeen: .* is not a 'date-time'",
    "invalid_host_name": r"is not a 'hostname'",
    "invalid_infringed_props": r"InfringedMaterial",
    "invalid_internal_processing": r"\$\.InternalProcessing",
    "invalid_ip": r"\$\.Report\.SourceIp",
    "invalid_missing_account": r"'Account' is a required property",
    "invalid_missing_report_class_report_type": r"'ReportClass' is a required property",
    "invalid_missing_reporter_props": r"\$\.ReporterInfo",
    "invalid_missing_reporter": r"'ReporterInfo' is a required property",
    "invalid_missing_report": r"'Report' is a required property",
    "invalid_missing_url": r"'SourceUrl' is a required property",
    "invalid_on_behalf_of": r"\$\.OnBehalfOf\.",
    "invalid_openservice_missing_service": r"'ServiceName' is a required property",
    "invalid_openservice": r"ServiceName|TransportProtocol",
    "invalid_ports": r"Port: .* is not of type 'integer'",
    "invalid_report_class_report_type": r"\$\.Report\.Report(Class|Type)",
    "invalid_report_part": r"'Date' is a required property",
    "invalid_reporter_info": r"additional property 'ShouldNotBeHere'",
    "invalid_reporter_metadata": r"ReporterCaseID|ReporterSeverity|ReporterNotes",
    "invalid_sample": r"\$\.Report\.Samples",
    "invalid_type": r"\$\.Report\.ReportType: 'DoesNotExist' is not a known X-ARF report type",
    "invalid_used_ip_in_potentially_compromised_account": r"\$\.Report\.SourceIp: not allowed",
    "invalid_used_url_in_potentially_compromised_account": r"\$\.Report\.SourceUrl: not allowed",
}


def _expected_problem(relative: str) -> str:
    stem = Path(relative).stem
    key = max((key for key in NEGATIVE_PROBLEMS if stem.startswith(key)), key=len)
    return NEGATIVE_PROBLEMS[key]


@pytest.mark.corpora
@pytest.mark.parametrize("relative", _manifest("abusix-xarf-samples"))
def test_every_abusix_sample_is_judged_as_its_folder_says(relative: str) -> None:
    parsed = parse_xarf(corpus_bytes(relative))
    report = parsed.report
    assert report.version == "3"
    if "/positive/" in relative:
        assert report.valid, report.errors
    else:
        assert not report.valid
        problem = _expected_problem(relative)
        assert any(re.search(problem, error) for error in report.errors), (problem, report.errors)
        assert all(error.startswith("$") for error in report.errors)
        assert "xarf.schema" in _codes(parsed)


@pytest.mark.corpora
@pytest.mark.parametrize("relative", _manifest("abusix-xarf-samples"))
def test_no_abusix_sample_is_an_x_arf_4_2_0_report(relative: str) -> None:
    document = json.loads(corpus_bytes(relative))
    assert "xarf_version" not in document
    assert "$: 'xarf_version' is a required property" in validate_v4(document)


@pytest.mark.corpora
def test_a_content_malware_report_needs_a_url_in_schema_versions_1_and_2_only() -> None:
    for version in ("1", "2"):
        errors = parse_xarf(
            corpus_bytes(f"abusix-xarf-samples/negative/{version}/invalid_missing_url.json")
        ).report.errors
        assert errors == (
            f"$.Report: 'SourceUrl' is a required property (content malware, schema version {version})",
        )
    assert parse_xarf(corpus_bytes("abusix-xarf-samples/positive/3/malware_no_url.json")).report.valid


@pytest.mark.corpora
def test_an_unpadded_base64_sample_is_a_defect_not_an_error() -> None:
    parsed = parse_xarf(corpus_bytes("abusix-xarf-samples/positive/3/botnet_sample.json"))
    assert parsed.report.valid
    assert "xarf.bad_base64" in _codes(parsed)
    assert parsed.evidence == (("application/octet-stream", bytes(16)),)


# --- v4 schema errors ---------------------------------------------------------------------------------


def test_the_schema_example_is_valid_and_keeps_its_email_evidence() -> None:
    parsed = parse_xarf(_v4())
    assert parsed.report.valid, parsed.report.errors
    assert parsed.report.version == "4.2.0"
    assert parsed.report.feedback_type == "messaging/spam"
    assert parsed.report.source_ip == "192.0.2.123"
    assert parsed.evidence[0][0] == "message/rfc822"
    assert parsed.evidence[0][1].startswith(b"From: fake@example.com")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"reporter": {"org": "X", "contact": "abuse@", "domain": "x.example"}},
            "$.reporter.contact: 'abuse@' is not a 'email'",
        ),
        (
            {"reporter": {"org": "X", "contact": "a@x.example", "domain": "not a host"}},
            "$.reporter.domain: 'not a host' is not a 'hostname'",
        ),
        ({"timestamp": "yesterday"}, "$.timestamp: 'yesterday' is not a 'date-time'"),
        ({"timestamp": "2024-02-30T10:00:00Z"}, "$.timestamp: '2024-02-30T10:00:00Z' is not a 'date-time'"),
        ({"report_id": "abc"}, "$.report_id: 'abc' is not a 'uuid'"),
        (
            {"type": "nonsense"},
            "$.type: 'nonsense' is not a type of category 'messaging' (one of spam, bulk_messaging)",
        ),
        ({"smtp_from": None}, "$: 'smtp_from' is a required property"),
        ({"protocol": "pigeon"}, "$.protocol: 'pigeon' is not one of"),
        ({"source_port": 70000}, "$.source_port: 70000 is greater than the maximum of 65535"),
        ({"sender": None}, "$: 'sender' is a required property"),
        ({"tags": ["Bad Tag"]}, "$.tags[0]: 'Bad Tag' does not match"),
        (
            {"evidence": [{"content_type": "text/plain", "payload": 5}]},
            "$.evidence[0].payload: 5 is not of type 'string'",
        ),
        ({"confidence": 2}, "$.confidence: 2 is greater than the maximum of 1.0"),
    ],
)
def test_each_v4_schema_violation_names_its_path_and_problem(changes: dict[str, Any], error: str) -> None:
    parsed = parse_xarf(_v4(**changes))
    assert not parsed.report.valid
    assert any(found.startswith(error) for found in parsed.report.errors), parsed.report.errors
    assert "xarf.schema" in _codes(parsed)


def test_it_reads_an_sms_spam_report_with_its_text_and_sender() -> None:
    data = _v4(
        protocol="sms",
        smtp_from=None,
        source_port=None,
        source_identifier="+447700900123",
        evidence=[
            {"content_type": "text/plain", "payload": base64.b64encode(b"You won! Call 09061701461").decode()}
        ],
    )
    parsed = parse_xarf(data)
    assert parsed.report.valid, parsed.report.errors
    assert parsed.report.protocol == "sms"
    assert parsed.sms_text == "You won! Call 09061701461"
    assert parsed.sender == "+447700900123"
    assert parsed.report.source_ip is None


def test_an_sms_text_field_wins_over_the_evidence() -> None:
    data = _v4(
        protocol="sms",
        smtp_from=None,
        source_port=None,
        source_identifier="BANK-ALERT",
        message_text="Verify now",
    )
    parsed = parse_xarf(data)
    assert parsed.sms_text == "Verify now"
    assert parsed.sender == "BANK-ALERT"


@pytest.mark.parametrize(
    ("data", "error", "code"),
    [
        (b"", "invalid JSON: Expecting value at line 1 column 1", "xarf.json"),
        (
            b'{"xarf_version": "4.2.0",',
            "invalid JSON: Expecting property name enclosed in double quotes at line 1 column 26",
            "xarf.json",
        ),
        (b"[1, 2]", "$: the report is an array, not a JSON object", "xarf.not_object"),
        (b"42", "$: the report is a number or null, not a JSON object", "xarf.not_object"),
        (
            b'{"xarf_version": "4.2.0", "x": "\xff"}',
            "not UTF-8: byte 0xff at offset 32 (X-ARF reports are UTF-8 JSON)",
            "xarf.encoding",
        ),
        (b'{"xarf_version": NaN}', "invalid JSON: NaN is not a JSON number", "xarf.json"),
        (
            b'{"hello": "world"}',
            "$: not an X-ARF report: no 'xarf_version' (v4) and no 'Version'/'ReporterInfo'/'Report' (v3)",
            "xarf.not_xarf",
        ),
    ],
)
def test_input_that_is_not_a_json_report_gives_an_invalid_report_with_a_clear_error(
    data: bytes, error: str, code: str
) -> None:
    parsed = parse_xarf(data)
    assert not parsed.report.valid
    assert parsed.report.errors == (error,)
    assert code in _codes(parsed)


def test_a_duplicate_key_and_a_byte_order_mark_are_recorded() -> None:
    parsed = parse_xarf(b"\xef\xbb\xbf" + _v4()[:-1] + b', "type": "spam"}')
    assert parsed.report.valid
    assert {"xarf.bom", "xarf.duplicate_key"} <= set(_codes(parsed))


# --- X-ARF in email -----------------------------------------------------------------------------------


def _mail(relative: str) -> Message:
    return email.message_from_bytes(corpus_bytes(relative), policy=policy.compat32)


@pytest.mark.corpora
def test_it_finds_and_reads_the_x_arf_0_2_yaml_report_of_blocklist_de() -> None:
    raw = find_xarf_in_email(_mail("abuseio-notifier-samples/blocklistde/Blocklistde_Example_1.eml"))
    assert raw is not None
    parsed = parse_xarf(raw)
    report = parsed.report
    assert report.valid, report.errors
    assert report.version == "0.2"
    assert report.feedback_type == "abuse/regbot"
    assert report.source_ip == "10.0.2.150"
    assert report.reporter_contact == "abuse-team@blocklist.de"
    assert report.user_agent == "Fail2BanFeedBackScript blocklist.de V0.2"
    assert report.arrival_date == "2014-01-31T07:19:02+01:00"
    assert ("Schema-URL", "http://www.blocklist.de/downloads/schema/info_0.1.1.json") in report.fields


@pytest.mark.corpora
def test_it_reads_a_netcraft_x_arf_report_that_lacks_a_version() -> None:
    raw = find_xarf_in_email(_mail("abuseio-notifier-samples/netcraft/Netcraft_Example_1.eml"))
    assert raw is not None
    report = parse_xarf(raw).report
    assert report.errors == ("$: 'Version' is a required property",)
    assert report.feedback_type == "abuse/malware-attack"
    assert report.source_ip == "10.0.2.2"
    assert report.reported_uris == ("http://www.domain.tld/scripts/ufo.js",)


@pytest.mark.corpora
def test_it_finds_the_x_arf_report_of_a_clean_mx_mail_without_an_x_xarf_header() -> None:
    raw = find_xarf_in_email(_mail("abuseio-notifier-samples/cleanmx/Cleanmx_Example_1.eml"))
    assert raw is not None
    report = parse_xarf(raw).report
    assert report.version == "0.1"
    assert report.feedback_type == "info/harvesting"
    assert report.source_ip == "192.168.2.20"


@pytest.mark.corpora
def test_an_arf_report_carries_no_x_arf() -> None:
    assert find_xarf_in_email(_mail("abuseio-notifier-samples/feedback-loop/Cox_example_1.eml")) is None


def test_it_finds_a_v4_json_attachment() -> None:
    payload = base64.encodebytes(_v4()).decode()
    text = (
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\nSubject: abuse report\n\n'
        "--b\nContent-Type: text/plain\n\nPlease see the attached X-ARF report.\n"
        '--b\nContent-Type: application/octet-stream; name="report.json"\n'
        f'Content-Disposition: attachment; filename="report.json"\nContent-Transfer-Encoding: base64\n\n{payload}\n'
        "--b--\n"
    )
    raw = find_xarf_in_email(email.message_from_string(text, policy=policy.compat32))
    assert raw == _v4()


def test_it_takes_a_part_already_decoded_from_the_parse_instead_of_decoding_it_again() -> None:
    text = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhello\n--b--\n"
    tree = email.message_from_string(text, policy=policy.compat32)
    [part] = tree.get_payload()
    assert find_xarf_in_email(tree) is None
    assert find_xarf_in_email(tree, {part: _v4()}) == _v4()  # what the mapping holds is what is read


@pytest.mark.corpora
@pytest.mark.parametrize(
    "folder", ["abuseio-notifier-samples", "sisimai-set-of-emails", "fixtures-eml-parser"]
)
def test_it_finds_the_same_report_with_and_without_the_parts_decoded_by_the_parse(folder: str) -> None:
    for relative in _manifest(folder):
        parsed = parse_message(corpus_bytes(relative))
        assert find_xarf_in_email(parsed.tree, parsed.decoded) == find_xarf_in_email(parsed.tree), relative


def test_looks_like_xarf_is_a_cheap_sniff() -> None:
    assert looks_like_xarf(_v4())
    assert looks_like_xarf(b'{"Version": "3", "ReporterInfo": {}}')
    assert looks_like_xarf(b"---\nReported-From: a@example.com\nReport-Type: login-attack\n")
    assert not looks_like_xarf(b'{"hello": "world"}')
    assert not looks_like_xarf(b"Dear abuse team,\nReport-Type: none\n")
    assert not looks_like_xarf(b"")


# --- hostile input ------------------------------------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "xarf_version",
        "category",
        "type",
        "reporter",
        "evidence",
        "payload",
        "protocol",
        "source_identifier",
        "Version",
        "ReporterInfo",
        "Report",
        "ReportType",
        "SourceIp",
        "Samples",
        "Base64Encoded",
        "Payload",
        "Report-Type",
    ]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_KEYS | st.text(max_size=8), children, max_size=6)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_parse_xarf_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    parsed = parse_xarf(data)
    assert parsed.report.format == "xarf"
    looks_like_xarf(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _JSON, max_size=8))
def test_parse_xarf_never_raises_on_arbitrary_json_objects_with_x_arf_keys(document: dict[str, Any]) -> None:
    parsed = parse_xarf(json.dumps(document).encode())
    assert parsed.report.valid == (not parsed.report.errors)


@pytest.mark.corpora
def test_a_message_the_analysis_does_not_sniff_carries_no_x_arf_report() -> None:
    # analyze asks find_xarf_in_email (interpreted, a walk of the stdlib tree) only of what
    # _may_carry_xarf lets through: on every message of the corpora, what it keeps out carries none
    from lapnet.analysis.analyze import _may_carry_xarf
    from lapnet.analysis.message import parse_message
    from tests.corpora import corpus_mail

    kept_out = carried = 0
    for item in corpus_mail():
        parsed = parse_message(item.data)
        found = find_xarf_in_email(parsed.tree, parsed.decoded)
        if not _may_carry_xarf(parsed):
            kept_out += 1
            assert found is None, item.source
        else:
            carried += found is not None
    assert kept_out > 5000 and carried > 10
