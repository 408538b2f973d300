"""ARF feedback reports (RFC 5965, RFC 6591) read from real feedback loops and from built fixtures."""

from __future__ import annotations

import base64
import email
import os
from email import policy
from email.message import Message
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapnet.analysis.reports.arf import is_arf, parse_arf
from tests.corpora import corpus_bytes


def _message(data: bytes) -> Message:
    return email.message_from_bytes(data, policy=policy.compat32)


def _corpus_message(relative: str) -> Message:
    return _message(corpus_bytes(relative))


def _codes(parts: object) -> list[str]:
    return [defect.code for defect in getattr(parts, "defects", ())]


def _arf_files() -> list[str]:
    """Every ARF-labelled file of the corpora, read from the manifests (a placeholder that skips
    when LAPNET_CORPORA is unset, one that fails when a manifest is missing)."""
    root = os.environ.get("LAPNET_CORPORA")
    if not root:
        return ["(corpora not available)"]
    files: list[str] = []
    for folder, labels in (
        ("abuseio-notifier-samples", {"feedback-loop", "spamexperts"}),
        ("sisimai-set-of-emails", {"arf"}),
    ):
        manifest = Path(root, folder, "MANIFEST.tsv")
        if not manifest.is_file():
            return [f"{folder}/MANIFEST.tsv"]
        for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            name, label = line.split("\t")[:2]
            if label in labels:
                files.append(f"{folder}/{name}")
    return files


# Microsoft's JMRP reports (Hotmail/Outlook) are labelled "arf" by sisimai but are not ARF: a
# multipart/mixed with the reported message only, no message/feedback-report part.
JMRP = frozenset(f"sisimai-set-of-emails/maildir/bsd/arf-{number}.eml" for number in (22, 23, 24))


# --- real reports -------------------------------------------------------------------------------------


@pytest.mark.corpora
def test_it_reads_a_returnpath_feedback_loop_report_from_comcast() -> None:
    parts = parse_arf(_corpus_message("abuseio-notifier-samples/feedback-loop/Comcast_example_2.eml"))
    report = parts.report
    assert report.format == "arf"
    assert report.valid, report.errors
    assert report.feedback_type == "abuse"
    assert report.user_agent == "ReturnPathFBL/1.0"
    assert report.version == "1"
    assert report.source_ip == "10.17.18.6"
    assert report.arrival_date == "2016-01-19T15:14:53+00:00"
    assert report.reported_domains == ("comcast.net",)
    assert report.original_mail_from == "sadie_hubbard@server.domain4.tld"
    assert report.original_rcpt_to == ("27a4767fd6480dcd6301d3711503069b@comcast.net",)
    assert ("Abuse-Type", "complaint") in report.fields
    assert parts.human_text.startswith("This is a Comcast email abuse report")
    assert parts.original is not None
    assert not parts.original_is_headers_only
    assert b"Subject:" in parts.original


@pytest.mark.corpora
def test_it_keeps_every_field_in_document_order() -> None:
    report = parse_arf(_corpus_message("abuseio-notifier-samples/spamexperts/10.eml")).report
    assert [name for name, _ in report.fields] == [
        "User-Agent",
        "Version",
        "Original-Envelope-Id",
        "Original-Mail-From",
        "Arrival-Date",
        "Source-IP",
        "Original-Rcpt-To",
        "Authentication-Results",
        "Feedback-Type",
    ]
    assert report.original_rcpt_to == ("ashley@example.com",)  # angle brackets removed
    assert report.authentication_results == ("test17.example.com; auth=pass smtp.auth=10.0.2.35@example.com",)
    assert report.arrival_date == "2015-08-04T11:01:12"  # -0000: the zone is unknown, so none is claimed


@pytest.mark.corpora
def test_it_normalises_an_ipv6_source_ip_from_spamexperts() -> None:
    report = parse_arf(_corpus_message("abuseio-notifier-samples/spamexperts/11.eml")).report
    assert report.source_ip == "fdf1:cb9d:f59e:19b0::122"
    assert ("Source-IP", "fdf1:cb9d:f59e:19b0:0:0:0:122") in report.fields  # as written


@pytest.mark.corpora
def test_it_reads_an_rfc_6591_auth_failure_report() -> None:
    parts = parse_arf(_corpus_message("sisimai-set-of-emails/maildir/bsd/arf-18.eml"))
    report = parts.report
    assert report.feedback_type == "auth-failure"
    assert report.auth_failure == "dmarc"
    assert report.authentication_results == ("dmarc=fail (p=none; dis=none) header.from=example.org",)
    assert report.source_ip == "192.0.2.222"
    assert report.reported_domains == ("example.net",)
    assert report.original_mail_from == "sironeko@example.org"
    assert ("Delivery-Result", "delivered") in report.fields
    assert parts.original is not None
    assert b"Subject: Nyaan" in parts.original
    # The sender wrote "Version: 1.0"; RFC 5965's grammar allows "1" only.
    assert not report.valid
    assert report.errors == ("Version: '1.0' is not 1 (RFC 5965 defines version 1 only)",)
    assert "arf.bad_value" in _codes(parts)


@pytest.mark.corpora
def test_it_reads_repeated_reported_domains_and_recipients() -> None:
    report = parse_arf(_corpus_message("sisimai-set-of-emails/maildir/bsd/arf-16.eml")).report
    assert report.valid
    assert report.reported_domains == ("example.com", "example.org")
    assert len(report.original_rcpt_to) == 7
    assert report.original_rcpt_to[0] == "kijitora@example.com"


@pytest.mark.corpora
def test_it_marks_the_pre_rfc_version_0_1_of_aol_invalid_but_reads_it() -> None:
    parts = parse_arf(_corpus_message("abuseio-notifier-samples/feedback-loop/AOL_example_2.eml"))
    report = parts.report
    assert not report.valid
    assert report.errors == ("Version: '0.1' is not 1 (RFC 5965 defines version 1 only)",)
    assert report.user_agent == "AOL SComp"
    assert report.source_ip == "10.17.18.2"
    assert report.reported_domains == ("server.domain4.tld",)
    assert report.arrival_date == "2016-01-19T19:04:10-05:00"  # from the draft's Received-Date
    assert ("Redacted-Address", "redacted@") in report.fields


@pytest.mark.corpora
@pytest.mark.parametrize(
    "relative",
    [
        "sisimai-set-of-emails/maildir/bsd/arf-01.eml",
        "sisimai-set-of-emails/maildir/dos/arf-01.eml",
        "sisimai-set-of-emails/maildir/mac/arf-01.eml",
    ],
)
def test_it_reads_the_same_report_with_lf_crlf_and_cr_line_endings(relative: str) -> None:
    parts = parse_arf(_corpus_message(relative))
    assert parts.report.user_agent == "SMP-FBL"
    assert parts.report.source_ip == "192.0.2.89"
    assert parts.report.reported_domains == ("example.ed.jp",)
    assert parts.original is not None
    assert b"Kijitora cat family" in parts.original


@pytest.mark.corpora
def test_it_finds_the_original_of_a_microsoft_jmrp_report_that_is_not_arf() -> None:
    message = _corpus_message("sisimai-set-of-emails/maildir/bsd/arf-22.eml")
    parts = parse_arf(message)
    assert not is_arf(message)
    assert not parts.report.valid
    assert parts.report.errors == ("no message/feedback-report part: not an ARF report",)
    assert parts.original is not None
    assert b"X-HmXmrOriginalRecipient: kijitora@example.com" in parts.original


@pytest.mark.corpora
@pytest.mark.slow
@pytest.mark.parametrize("relative", _arf_files())
def test_every_arf_labelled_corpus_file_gives_a_report_and_its_original(relative: str) -> None:
    message = _corpus_message(relative)
    parts = parse_arf(message)
    assert parts.report.format == "arf"
    assert parts.original, f"{relative}: the enclosed original was not found"
    if relative in JMRP:
        assert not is_arf(message)
        assert "arf.missing_part" in _codes(parts)
    else:
        assert is_arf(message)
        assert parts.report.feedback_type in ("abuse", "auth-failure")
        assert parts.report.user_agent
        assert parts.human_text.strip()
        assert parts.report.valid == (not parts.report.errors)


# --- built reports: one deviation each ----------------------------------------------------------------

HUMAN = "This is an email abuse report for an email message received from IP 192.0.2.1.\n"
ORIGINAL = "From: spammer@example.net\r\nTo: victim@example.org\r\nSubject: Cheap pills\r\n\r\nBuy now!\r\n"
RFC_6591_FIELDS = (
    "Feedback-Type: auth-failure\n"
    "User-Agent: SomeDKIMFilter/1.0\n"
    "Version: 1\n"
    "Original-Mail-From: <randomuser@example.net>\n"
    "Original-Rcpt-To: <user@example.com>\n"
    "Received-Date: Thu, 8 Mar 2005 14:00:00 EDT\n"
    "Source-IP: 192.0.2.1\n"
    "Authentication-Results: mail.example.com;\n"
    "  dkim=fail header.d=example.net\n"
    "Reported-Domain: example.net\n"
    "DKIM-Domain: example.net\n"
    "DKIM-Identity: @example.net\n"
    "DKIM-Selector: news\n"
    "Auth-Failure: bodyhash\n"
)


def _arf(
    fields: str,
    *,
    container: str = "multipart/report; report-type=feedback-report",
    feedback_headers: str = "Content-Type: message/feedback-report\n",
    original_part: str | None = None,
) -> Message:
    if original_part is None:
        original_part = "Content-Type: message/rfc822\nContent-Disposition: inline\n\n" + ORIGINAL
    text = (
        "From: fbl@example.com\nTo: abuse@example.net\nSubject: FW: abuse report\nMIME-Version: 1.0\n"
        f'Content-Type: {container}; boundary="b"\n\n'
        f"--b\nContent-Type: text/plain; charset=us-ascii\n\n{HUMAN}\n"
        f"--b\n{feedback_headers}\n{fields}\n"
        f"--b\n{original_part}\n"
        "--b--\n"
    )
    return _message(text.encode())


def test_it_reads_the_rfc_6591_example_with_dkim_fields() -> None:
    parts = parse_arf(_arf(RFC_6591_FIELDS))
    report = parts.report
    assert report.valid, report.errors
    assert report.feedback_type == "auth-failure"
    assert report.auth_failure == "bodyhash"
    assert report.original_mail_from == "randomuser@example.net"
    assert report.original_rcpt_to == ("user@example.com",)
    assert report.authentication_results == ("mail.example.com; dkim=fail header.d=example.net",)
    assert ("DKIM-Selector", "news") in report.fields
    assert report.arrival_date == "2005-03-08T14:00:00-04:00"
    assert parts.human_text == HUMAN


def test_it_rejects_an_auth_failure_report_without_auth_failure() -> None:
    fields = RFC_6591_FIELDS.replace("Auth-Failure: bodyhash\n", "")
    report = parse_arf(_arf(fields)).report
    assert not report.valid
    assert report.errors == ("required field Auth-Failure is missing from an auth-failure report (RFC 6591)",)


def test_it_names_each_missing_required_field() -> None:
    parts = parse_arf(_arf("Source-IP: 192.0.2.1\n"))
    assert not parts.report.valid
    assert parts.report.errors == (
        "required field Feedback-Type is missing",
        "required field User-Agent is missing",
        "required field Version is missing",
    )
    assert _codes(parts).count("arf.missing_field") == 3
    assert [defect.where for defect in parts.defects] == [
        "field:Feedback-Type",
        "field:User-Agent",
        "field:Version",
    ]


def test_it_names_bad_values_without_raising() -> None:
    fields = (
        "Feedback-Type: abuse\nUser-Agent: x/1\nVersion: 2\nSource-IP: 999.1.1.1\nIncidents: many\n"
        "Arrival-Date: yesterday\nSource-Port: 70000\n"
    )
    parts = parse_arf(_arf(fields))
    assert parts.report.errors == (
        "Version: '2' is not 1 (RFC 5965 defines version 1 only)",
        "Source-Port: '70000' is not a port number",
        "Source-IP: '999.1.1.1' is not an IP address",
        "Arrival-Date: 'yesterday' is not an RFC 5322 date",
        "Incidents: 'many' is not a number",
    )
    assert parts.report.source_ip is None
    assert parts.report.incidents is None
    assert set(_codes(parts)) == {"arf.bad_value"}


def test_it_reads_incidents_and_reporting_mta() -> None:
    fields = "Feedback-Type: abuse\nUser-Agent: x/1\nVersion: 1\nIncidents: 12\nReporting-MTA: dns; mx.example.com\n"
    report = parse_arf(_arf(fields)).report
    assert report.valid
    assert report.incidents == 12
    assert report.reporting_mta == "dns; mx.example.com"


def test_it_rejects_a_field_that_may_appear_once_given_twice() -> None:
    fields = "Feedback-Type: abuse\nFeedback-Type: fraud\nUser-Agent: x/1\nVersion: 1\n"
    parts = parse_arf(_arf(fields))
    assert parts.report.errors == ("Feedback-Type appears more than once",)
    assert parts.report.feedback_type == "abuse"
    assert ("Feedback-Type", "fraud") in parts.report.fields


def test_it_records_an_unregistered_feedback_type_without_rejecting_it() -> None:
    parts = parse_arf(_arf("Feedback-Type: phishing\nUser-Agent: x/1\nVersion: 1\n"))
    assert parts.report.valid
    assert parts.report.feedback_type == "phishing"
    assert "arf.unknown_feedback_type" in _codes(parts)


def test_it_finds_a_feedback_report_in_a_mislabelled_multipart_mixed() -> None:
    message = _arf("Feedback-Type: abuse\nUser-Agent: x/1\nVersion: 1\n", container="multipart/mixed")
    parts = parse_arf(message)
    assert is_arf(message)
    assert parts.report.valid
    assert "arf.mislabelled" in _codes(parts)
    assert parts.original is not None


def test_it_reads_a_base64_machine_part_given_as_text() -> None:
    fields = base64.encodebytes(
        b"Feedback-Type: abuse\r\nUser-Agent: x/1\r\nVersion: 1\r\nSource-IP: 192.0.2.7\r\n"
    )
    message = _arf(
        fields.decode(),
        feedback_headers="Content-Type: message/feedback-report\nContent-Transfer-Encoding: base64\n",
    )
    report = parse_arf(message).report
    assert report.valid, report.errors
    assert report.source_ip == "192.0.2.7"


def test_it_decodes_a_base64_encoded_message_rfc822_original() -> None:
    encoded = base64.encodebytes(ORIGINAL.encode()).decode()
    part = f"Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n{encoded}"
    parts = parse_arf(_arf("Feedback-Type: abuse\nUser-Agent: x/1\nVersion: 1\n", original_part=part))
    assert parts.original == ORIGINAL.encode()
    assert "arf.encoded_original" in _codes(parts)


def test_it_decodes_quoted_printable_headers_only_originals() -> None:
    part = "Content-Type: text/rfc822-headers\nContent-Transfer-Encoding: quoted-printable\n\nSubject: caf=C3=A9\nFrom: a@example.net\n"
    parts = parse_arf(_arf("Feedback-Type: abuse\nUser-Agent: x/1\nVersion: 1\n", original_part=part))
    assert parts.original_is_headers_only
    assert parts.original == "Subject: café\nFrom: a@example.net\n".encode()


def test_it_reports_a_missing_original() -> None:
    part = "Content-Type: text/plain\n\nno original here, sorry"
    parts = parse_arf(_arf("Feedback-Type: abuse\nUser-Agent: x/1\nVersion: 1\n", original_part=part))
    assert parts.original is None
    assert parts.report.errors == ("the report encloses no original message or headers",)
    assert "arf.no_original" in _codes(parts)


def test_it_takes_a_mislabelled_original_that_starts_like_a_header_block() -> None:
    part = "Content-Type: text/plain\n\n" + ORIGINAL
    parts = parse_arf(_arf("Feedback-Type: abuse\nUser-Agent: x/1\nVersion: 1\n", original_part=part))
    assert parts.original is not None
    assert parts.original.startswith(b"From: spammer@example.net")
    assert "arf.original_mislabelled" in _codes(parts)


def test_a_plain_email_is_not_arf_and_gives_an_invalid_report() -> None:
    message = _message(b"From: a@example.net\nSubject: hello\n\nhi\n")
    parts = parse_arf(message)
    assert not is_arf(message)
    assert not parts.report.valid
    assert parts.original is None
    assert parts.human_text == "hi\n"


# --- hostile input ------------------------------------------------------------------------------------

_FIELD_NAMES = st.sampled_from(
    [
        "Feedback-Type",
        "User-Agent",
        "Version",
        "Source-IP",
        "Incidents",
        "Arrival-Date",
        "Reported-URI",
        "X-Junk",
    ]
)
_FIELD_VALUES = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_parse_arf_never_raises_on_a_message_built_from_arbitrary_bytes(data: bytes) -> None:
    message = _message(data)
    parts = parse_arf(message)
    assert parts.report.format == "arf"
    is_arf(message)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_FIELD_NAMES, _FIELD_VALUES), max_size=12),
    st.sampled_from(["", "base64", "quoted-printable", "8bit"]),
    st.binary(max_size=300),
)
def test_parse_arf_never_raises_on_arbitrary_report_fields_and_originals(
    fields: list[tuple[str, str]], encoding: str, original: bytes
) -> None:
    block = "".join(f"{name}: {value}\n" for name, value in fields)
    headers = "Content-Type: message/feedback-report\n" + (
        f"Content-Transfer-Encoding: {encoding}\n" if encoding else ""
    )
    part = "Content-Type: message/rfc822\n" + (f"Content-Transfer-Encoding: {encoding}\n" if encoding else "")
    message = _arf(block, feedback_headers=headers, original_part=part + "\n" + original.decode("latin-1"))
    parts = parse_arf(message)
    assert parts.report.valid == (not parts.report.errors)


@pytest.mark.corpora
def test_a_message_the_analysis_skips_as_no_report_is_never_an_arf_report() -> None:
    # analyze asks is_arf (interpreted, the stdlib's content type again) only of what _may_be_arf
    # lets through: on every message of the corpora, what it keeps out is no ARF report
    from lapnet.analysis.analyze import _may_be_arf
    from lapnet.analysis.message import parse_message
    from tests.corpora import corpus_mail

    kept_out = reports = 0
    for item in corpus_mail():
        parsed = parse_message(item.data)
        if not _may_be_arf(parsed.content_type):
            kept_out += 1
            assert not is_arf(parsed.tree), item.source
        else:
            reports += is_arf(parsed.tree)
    assert kept_out > 5000 and reports > 20  # the corpora hold 33 ARF reports
