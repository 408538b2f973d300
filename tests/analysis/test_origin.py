"""The header walk: trust, inference, fallbacks, flags, real chains from the corpora, and fuzzing."""

from __future__ import annotations

import dataclasses
import email
from email.policy import compat32

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lapnet.analysis
from lapnet.analysis.origin import (
    ANCHORED_CONFIDENCE,
    ARF_CONFIDENCE,
    DISAGREEING_WEBMAIL_CONFIDENCE,
    INFERRED_ANCHOR,
    INFERRED_CONFIDENCE,
    PRESET_CONFIDENCE,
    UNANCHORED_WEBMAIL_CONFIDENCE,
    WEBMAIL_CONFIDENCE,
    TrustConfig,
    walk_origin,
)
from lapnet.analysis.origin import walk as walk_module
from lapnet.analysis.received import ReceivedFields
from lapnet.analysis.types import Defect, Hop, HopVerdict, Origin, OriginMethod
from tests.corpora import corpus_bytes

COUNTRIES = {"81.2.69.160": "GB", "89.160.20.112": "SE", "216.30.74.2": "US", "2a02:c7f:1::5": "GB"}
REPORTER = TrustConfig.parse(["192.0.2.0/24"])
INFERRED = TrustConfig()  # no trusted networks: shipped provider presets, then inference
INFERENCE_ONLY = TrustConfig(presets=())
NO_COUNTRIES: dict[str, str] = {}


def walk(
    received: list[str],
    trust: TrustConfig = INFERRED,
    headers: list[tuple[str, str]] | None = None,
    arf_source_ip: str | None = None,
) -> tuple[Origin, tuple[Defect, ...]]:
    return walk_origin(
        received,
        trust=trust,
        ip_country=COUNTRIES.get,
        fallback_headers=headers or [],
        arf_source_ip=arf_source_ip,
    )


def codes(defects: tuple[Defect, ...]) -> list[str]:
    return [defect.code for defect in defects]


# A message from mail.sender.example (81.2.69.160) to the reporter, whose MX is 192.0.2.10; the sender's
# relay says it received the message from a PC, which nobody can check.
CONFIGURED_CHAIN = [
    "from mx1.reporter.example (mx1.reporter.example [192.0.2.10]) by imap.reporter.example (Postfix)"
    " with ESMTP id A1 for <victim@reporter.example>; Tue, 4 Jun 2024 10:00:05 +0000",
    "from mail.sender.example (mail.sender.example [81.2.69.160]) by mx1.reporter.example (Postfix)"
    " with ESMTPS id B2; Tue, 4 Jun 2024 10:00:03 +0000",
    "from pc.sender.example (pc.sender.example [89.160.20.112]) by mail.sender.example (Postfix)"
    " with ESMTP id C3; Tue, 4 Jun 2024 10:00:01 +0000",
]
# The same path inside a company network that nobody configured.
PRIVATE_CHAIN = [
    "from mx1.reporter.example (mx1.reporter.example [10.0.0.5]) by imap.reporter.example (Postfix)"
    " with ESMTP id A1; Tue, 4 Jun 2024 10:00:05 +0000",
    *CONFIGURED_CHAIN[1:],
]


# --- trust configured ---------------------------------------------------------------------------------


def test_it_finds_the_first_untrusted_relay() -> None:
    origin, defects = walk(CONFIGURED_CHAIN, REPORTER)
    assert origin.ip == "81.2.69.160"
    assert origin.country == "GB"
    assert origin.method is OriginMethod.RECEIVED_WALK
    assert origin.anchored
    assert origin.confidence == ANCHORED_CONFIDENCE
    assert origin.trust_anchors == ("trusted:192.0.2.0/24",)
    assert [hop.verdict for hop in origin.hops] == [
        HopVerdict.TRUSTED,
        HopVerdict.ORIGIN,
        HopVerdict.UNVERIFIABLE,
    ]
    assert origin.hops[0].reason == (
        "client 192.0.2.10 (rDNS mx1.reporter.example) is in trusted network 192.0.2.0/24"
    )
    assert origin.hops[1].reason == (
        "client 81.2.69.160 (rDNS mail.sender.example) not in trusted networks 192.0.2.0/24: "
        "first untrusted relay, origin"
    )
    assert "81.2.69.160" in origin.reason
    assert defects == ()


def test_hops_below_the_origin_are_unverifiable_and_may_be_forged() -> None:
    origin, _ = walk(CONFIGURED_CHAIN, REPORTER)
    below = origin.hops[2]
    assert below.verdict is HopVerdict.UNVERIFIABLE
    assert "may be forged" in below.reason
    assert below.ip == "89.160.20.112"  # still read and shown, never named as the origin


def test_loopback_and_link_local_clients_are_always_trusted() -> None:
    chain = [
        "from localhost (localhost [127.0.0.1]) by mx1.reporter.example (Postfix) with ESMTP id A;"
        " Tue, 4 Jun 2024 10:00:06 +0000",
        "from imap ([fe80::1]) by mx1.reporter.example with mapi id 15.20; Tue, 4 Jun 2024 10:00:05 +0000",
        *CONFIGURED_CHAIN,
    ]
    origin, _ = walk(chain, REPORTER)
    assert [hop.verdict for hop in origin.hops[:3]] == [HopVerdict.TRUSTED] * 3
    assert "always trusted" in origin.hops[0].reason
    assert origin.ip == "81.2.69.160"


def test_a_private_client_outside_the_trusted_networks_stops_the_walk() -> None:
    origin, _ = walk(PRIVATE_CHAIN, REPORTER)
    assert origin.ip is None
    assert not origin.anchored
    assert origin.method is OriginMethod.NONE
    assert origin.hops[0].verdict is HopVerdict.UNVERIFIABLE
    assert "10.0.0.5" in origin.reason
    assert "trusted networks probably miss" in origin.reason


def test_a_bogon_first_untrusted_client_is_never_named() -> None:
    chain = [
        CONFIGURED_CHAIN[0],
        "from odd.example (odd.example [198.51.100.7]) by mx1.reporter.example (Postfix) with ESMTP id B;"
        " Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, _ = walk(chain, REPORTER)
    assert origin.ip is None
    assert not origin.anchored
    assert origin.hops[1].flags == ("bogon", "reserved")
    assert "reserved address" in origin.reason


def test_trust_anchors_let_another_agency_rerun_the_same_walk() -> None:
    origin, _ = walk(CONFIGURED_CHAIN, REPORTER)
    again, _ = walk(CONFIGURED_CHAIN, TrustConfig.from_anchors(origin.trust_anchors))
    assert again == origin
    # a walk that inferred without a preset is re-run without presets, whatever presets exist by then
    assert TrustConfig.from_anchors((INFERRED_ANCHOR,)) == INFERENCE_ONLY
    assert TrustConfig.from_anchors(("preset:google", INFERRED_ANCHOR)) == TrustConfig(presets=("google",))
    with pytest.raises(ValueError, match="unknown provider preset"):
        TrustConfig.from_anchors(("preset:no-such-provider",))


def test_it_walks_ipv6_chains() -> None:
    chain = [
        "from mx1.reporter.example (mx1.reporter.example [IPv6:2001:db8:1::10]) by imap.reporter.example"
        " (Postfix) with ESMTP id A; Tue, 4 Jun 2024 10:00:05 +0000",
        "from mail.sender.example (mail.sender.example [IPv6:2a02:c7f:1::5]) by mx1.reporter.example"
        " (Postfix) with ESMTP id B; Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, _ = walk(chain, TrustConfig.parse(["2001:db8:1::/48"]))
    assert origin.ip == "2a02:c7f:1::5"
    assert origin.country == "GB"
    assert origin.trust_anchors == ("trusted:2001:db8:1::/48",)


# --- trust inferred -----------------------------------------------------------------------------------


def test_without_networks_private_hops_are_internal_and_the_first_public_client_is_the_origin() -> None:
    origin, _ = walk(PRIVATE_CHAIN)
    assert origin.ip == "81.2.69.160"
    assert origin.anchored
    assert origin.confidence == INFERRED_CONFIDENCE < ANCHORED_CONFIDENCE
    assert origin.trust_anchors == (INFERRED_ANCHOR,)
    assert [hop.verdict for hop in origin.hops] == [
        HopVerdict.INTERNAL,
        HopVerdict.ORIGIN,
        HopVerdict.UNVERIFIABLE,
    ]
    assert origin.hops[0].reason == (
        "client 10.0.0.5 (rDNS mx1.reporter.example) is a private address: treated as an internal relay"
    )
    assert origin.hops[0].flags == ("private",)
    assert "inferred" in origin.hops[1].reason


def test_an_authenticated_submission_is_internal_when_inferring() -> None:
    # the company's server relays through its provider's smarthost with SMTP AUTH
    chain = [
        "from mail.company.example (mail.company.example [89.160.20.112]) (Authenticated sender: relay@company.example)"
        " by smtp.provider.example (Postfix) with ESMTPSA id A; Tue, 4 Jun 2024 10:00:05 +0000",
        "from mail.sender.example (mail.sender.example [81.2.69.160]) by mail.company.example (Postfix)"
        " with ESMTPS id B; Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, _ = walk(chain)
    assert origin.hops[0].verdict is HopVerdict.INTERNAL
    assert "authenticated (ESMTPSA)" in origin.hops[0].reason
    assert origin.ip == "81.2.69.160"


def test_headers_below_an_authenticated_client_that_did_not_write_them_are_not_trusted() -> None:
    # a mail client re-sent (redirected) a message: the headers below were written elsewhere
    chain = [
        "from laptop (cpe.isp.example [89.160.20.112]) (Authenticated sender: victim@reporter.example)"
        " by smtp.reporter.example (Postfix) with ESMTPSA id A; Tue, 4 Jun 2024 10:00:05 +0000",
        CONFIGURED_CHAIN[1],
    ]
    origin, _ = walk(chain)
    assert origin.ip is None
    assert "chain breaks" in origin.reason


def test_a_webmail_submission_over_http_is_internal_when_inferring() -> None:
    chain = [
        "from [89.160.20.112] by web1.mail.reporter.example via HTTP; Tue, 4 Jun 2024 10:00:05 +0000",
        CONFIGURED_CHAIN[1],
    ]
    origin, _ = walk(chain)
    assert origin.hops[0].verdict is HopVerdict.INTERNAL
    assert "(webmail)" in origin.hops[0].reason
    assert origin.ip == "81.2.69.160"


def test_a_bogon_is_never_the_origin() -> None:
    chain = [
        "from odd.example (odd.example [203.0.113.9]) by mx1.reporter.example (Postfix) with ESMTP id B;"
        " Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, _ = walk(chain)
    assert origin.ip is None
    assert not origin.anchored
    assert origin.hops[0].verdict is HopVerdict.INTERNAL
    assert "bogon" in origin.hops[0].flags
    assert "203.0.113.9" in origin.reason
    assert "bogon" in origin.reason


def test_a_hop_without_a_client_ip_stops_the_walk_unless_it_is_a_hand_over_inside_one_host() -> None:
    local = [
        "by mx1.reporter.example (Postfix, from userid 48) id A; Tue, 4 Jun 2024 10:00:06 +0000",
        *PRIVATE_CHAIN,
    ]
    origin, _ = walk(local)
    assert origin.hops[0].verdict is HopVerdict.INTERNAL
    assert origin.hops[0].flags == ("no_ip",)
    assert origin.ip == "81.2.69.160"

    blind = [
        "from relay.elsewhere.example by mx1.reporter.example with SMTP; Tue, 4 Jun 2024 10:00:06 +0000",
        *PRIVATE_CHAIN,
    ]
    origin, defects = walk(blind)
    assert origin.ip is None
    assert not origin.anchored
    assert "records no client IP" in origin.reason
    assert "received.no_client_ip" in codes(defects)
    assert {hop.verdict for hop in origin.hops[1:]} == {HopVerdict.UNVERIFIABLE}


# --- fallbacks ----------------------------------------------------------------------------------------

YAHOO_CHAIN = [
    "from web21506.mail.yahoo.com (web21506.mail.yahoo.com [66.163.169.17]) by mx1.reporter.example"
    " (8.11.2/8.11.2) with SMTP id g4ID65D07051; Sat, 18 May 2002 14:06:06 +0100",
    "from [216.30.74.2] by web21506.mail.yahoo.com via HTTP; Sat, 18 May 2002 06:06:02 PDT",
]


def test_the_webmail_header_names_the_client_when_the_origin_is_a_webmail_system() -> None:
    origin, _ = walk(YAHOO_CHAIN, headers=[("Subject", "hi"), ("X-Originating-IP", "[216.30.74.2]")])
    assert origin.ip == "216.30.74.2"
    assert origin.country == "US"
    assert origin.method is OriginMethod.WEBMAIL_HEADER
    assert origin.anchored
    assert origin.confidence == WEBMAIL_CONFIDENCE
    assert origin.trust_anchors == (INFERRED_ANCHOR, "fallback:X-Originating-IP")
    assert "66.163.169.17" in origin.reason
    assert "webmail system" in origin.reason
    assert origin.hops[0].verdict is HopVerdict.ORIGIN  # the walk itself is unchanged


def test_a_webmail_header_that_disagrees_with_the_web_hop_lowers_confidence() -> None:
    origin, _ = walk(YAHOO_CHAIN, headers=[("x-originating-ip", "89.160.20.112")])
    assert origin.ip == "89.160.20.112"
    assert origin.confidence == DISAGREEING_WEBMAIL_CONFIDENCE
    assert "216.30.74.2" in origin.reason


def test_a_webmail_system_without_a_webmail_header_stays_the_origin() -> None:
    origin, _ = walk(YAHOO_CHAIN)
    assert origin.ip == "66.163.169.17"
    assert origin.method is OriginMethod.RECEIVED_WALK
    assert "no X-Originating-IP" in origin.reason


def test_webmail_headers_are_ignored_when_the_origin_is_not_a_webmail_system() -> None:
    origin, _ = walk(CONFIGURED_CHAIN, REPORTER, headers=[("X-Originating-IP", "[89.160.20.112]")])
    assert origin.ip == "81.2.69.160"
    assert origin.method is OriginMethod.RECEIVED_WALK


def test_a_forged_web_hop_below_an_unrelated_origin_does_not_move_the_origin() -> None:
    chain = [
        "from bot.example (dsl-1.isp.example [81.2.69.160]) by mx1.reporter.example (Postfix) with ESMTP id A;"
        " Tue, 4 Jun 2024 10:00:05 +0000",
        "from [89.160.20.112] by web1.mail.yahoo.com via HTTP; Tue, 4 Jun 2024 10:00:01 +0000",
    ]
    origin, _ = walk(chain, headers=[("X-Originating-IP", "89.160.20.112")])
    assert origin.ip == "81.2.69.160"  # the web hop was not written by the origin relay's domain
    assert origin.method is OriginMethod.RECEIVED_WALK


def test_a_webmail_header_is_a_low_confidence_fallback_when_the_walk_finds_no_origin() -> None:
    chain = ["from a (a [10.0.0.7]) by b (Postfix) with ESMTP id A; Tue, 4 Jun 2024 10:00:05 +0000"]
    origin, _ = walk(chain, headers=[("X-Originating-IP", "10.1.1.1"), ("X-Sender-IP", "81.2.69.160")])
    assert origin.ip == "81.2.69.160"  # the private X-Originating-IP is passed over
    assert origin.method is OriginMethod.WEBMAIL_HEADER
    assert not origin.anchored
    assert origin.confidence == UNANCHORED_WEBMAIL_CONFIDENCE
    assert "no trusted relay confirms" in origin.reason
    assert origin.trust_anchors == (INFERRED_ANCHOR, "fallback:X-Sender-IP")


def test_x_forwarded_for_gives_its_first_public_ip() -> None:
    origin, _ = walk([], headers=[("X-Forwarded-For", "10.0.0.1, 89.160.20.112, 81.2.69.160")])
    assert origin.ip == "89.160.20.112"


def test_fallbacks_never_name_a_trusted_relay() -> None:
    origin, _ = walk([], REPORTER, headers=[("X-Originating-IP", "192.0.2.10")], arf_source_ip="192.0.2.11")
    assert origin.ip is None


def test_the_arf_source_ip_is_the_last_resort() -> None:
    origin, _ = walk(["garbage"], arf_source_ip="81.2.69.160")
    assert origin.ip == "81.2.69.160"
    assert origin.method is OriginMethod.ARF_SOURCE_IP
    assert origin.confidence == ARF_CONFIDENCE
    assert not origin.anchored
    assert origin.trust_anchors == (INFERRED_ANCHOR, "fallback:arf-source-ip")
    assert walk(["garbage"], arf_source_ip="not an ip")[0].ip is None


def test_with_no_received_headers_nothing_is_named() -> None:
    origin, defects = walk([])
    assert origin == Origin(
        ip=None,
        country=None,
        method=OriginMethod.NONE,
        confidence=0.0,
        anchored=False,
        reason="no origin from the Received headers: no Received headers",
        hops=(),
        trust_anchors=(INFERRED_ANCHOR,),
    )
    assert defects == ()


# --- flags and defects --------------------------------------------------------------------------------


def test_unparsable_headers_are_skipped_and_recorded_as_defects() -> None:
    origin, defects = walk([PRIVATE_CHAIN[0], "!!! not a header", *PRIVATE_CHAIN[1:]])
    assert origin.hops[1].verdict is HopVerdict.UNPARSED
    assert origin.hops[1].dialect == "unparsable"
    assert origin.ip == "81.2.69.160"
    assert Defect("received.unparsable", "the Received header could not be read", "Received[1]") in defects


def test_an_unreadable_date_is_recorded_as_a_defect() -> None:
    origin, defects = walk(
        ["from a (a [81.2.69.160]) by b (Postfix) with ESMTP id A; 28 May 0102 08:00:33 +0700"]
    )
    assert origin.hops[0].timestamp is None
    assert origin.ip == "81.2.69.160"
    assert defects == (
        Defect("received.bad_date", "the Received header's date could not be read", "Received[0]"),
    )


def test_when_every_header_is_unparsable_the_chain_is_not_anchored() -> None:
    origin, defects = walk(["???", "((("])
    assert origin.ip is None
    assert not origin.anchored
    assert origin.reason == "no origin from the Received headers: no Received header could be read"
    assert codes(defects) == ["received.unparsable", "received.unparsable"]


def test_a_chain_break_above_the_candidate_unanchors_the_walk() -> None:
    chain = [
        "from relay.reporter.example (relay.reporter.example [81.2.69.10]) by imap.reporter.example (Postfix)"
        " with ESMTP id A; Tue, 4 Jun 2024 10:00:05 +0000",
        "from bot.example (bot.example [89.160.20.112]) by mx.unrelated.example (Postfix) with ESMTP id B;"
        " Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, defects = walk(chain, TrustConfig.parse(["81.2.69.0/24"]))
    assert origin.hops[1].flags == ("chain_break",)
    assert origin.ip is None
    assert not origin.anchored
    assert "chain breaks" in origin.reason
    assert "received.chain_break" in codes(defects)


def test_the_only_public_ip_below_a_chain_break_is_not_named() -> None:
    chain = [
        "from gw.corp.example (gw.corp.example [10.0.0.5]) by imap.corp.example (Postfix) with ESMTP id A;"
        " Tue, 4 Jun 2024 10:00:05 +0000",
        "from mail.sender.example (mail.sender.example [81.2.69.160]) by mx-internal.otherdomain.example"
        " (Postfix) with ESMTP id B; Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, defects = walk(chain)
    assert "chain_break" in origin.hops[1].flags
    assert origin.ip is None
    assert not origin.anchored
    assert "81.2.69.160" in origin.reason
    assert (
        Defect(
            "received.chain_break",
            "written by mx-internal.otherdomain.example, but Received[0] received the message from "
            "10.0.0.5 (rDNS gw.corp.example)",
            "Received[1]",
        )
        in defects
    )


def test_names_that_share_a_domain_or_a_first_label_do_not_break_the_chain() -> None:
    chain = [
        "from gw (gw.corp.example [10.0.0.5]) by imap.corp.example (Postfix) with ESMTP id A;"
        " Tue, 4 Jun 2024 10:00:05 +0000",
        "from mail.sender.example (mail.sender.example [81.2.69.160]) by gw (Postfix) with ESMTP id B;"
        " Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    assert walk(chain)[0].ip == "81.2.69.160"
    same_domain = [chain[0], chain[1].replace("by gw ", "by relay2.corp.example ")]
    assert walk(same_domain)[0].ip == "81.2.69.160"


def test_names_of_one_machine_in_two_domains_do_not_break_the_chain() -> None:
    chain = [
        "from DM6PR11CA0029.namprd11.prod.outlook.com (2603:10b6:5:190::42) by X.outlook.com with HTTPS;"
        " Tue, 4 Jun 2024 10:00:05 +0000",
        "from a.example (81.2.69.160) by DM6PR11CA0029.outlook.office365.com (2603:10b6:5:190::42) with"
        " Microsoft SMTP Server id 15.20; Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, _ = walk(chain, TrustConfig.parse(["2603:1000::/24"]))
    assert "chain_break" not in origin.hops[1].flags
    assert origin.ip == "81.2.69.160"


def test_time_order_flags_a_hop_dated_well_after_the_hop_above_it() -> None:
    late = CONFIGURED_CHAIN[2].replace("10:00:01", "12:30:00")
    origin, defects = walk([*CONFIGURED_CHAIN[:2], late], REPORTER)
    assert "time_order" in origin.hops[2].flags
    assert "time_order" not in origin.hops[1].flags
    assert (
        Defect(
            "received.time_order",
            "dated 150 minutes after Received[1], which handled the message later",
            "Received[2]",
        )
        in defects
    )
    slightly_late = CONFIGURED_CHAIN[2].replace("10:00:01", "10:10:00")
    origin, _ = walk([*CONFIGURED_CHAIN[:2], slightly_late], REPORTER)
    assert "time_order" not in origin.hops[2].flags  # clocks may drift by up to 15 minutes


def test_helo_mismatch_flags_a_foreign_helo() -> None:
    foreign_literal = "from [89.160.20.112] (dsl.isp.example [81.2.69.160]) by mx1.reporter.example (Postfix); Tue, 4 Jun 2024 10:00:03 +0000"
    foreign_name = "from yahoo.com (dsl.isp.example [81.2.69.160]) by mx1.reporter.example (Postfix); Tue, 4 Jun 2024 10:00:03 +0000"
    same_domain = "from mail.isp.example (dsl.isp.example [81.2.69.160]) by mx1.reporter.example (Postfix); Tue, 4 Jun 2024 10:00:03 +0000"
    own_literal = "from [81.2.69.160] (dsl.isp.example [81.2.69.160]) by mx1.reporter.example (Postfix); Tue, 4 Jun 2024 10:00:03 +0000"
    assert "helo_mismatch" in walk([foreign_literal])[0].hops[0].flags
    assert "helo_mismatch" in walk([foreign_name])[0].hops[0].flags
    assert "helo_mismatch" not in walk([same_domain])[0].hops[0].flags
    assert "helo_mismatch" not in walk([own_literal])[0].hops[0].flags


def test_address_kinds_are_flagged() -> None:
    def flags_of(ip: str) -> tuple[str, ...]:
        return walk([f"from a (a [{ip}]) by b (Postfix); Tue, 4 Jun 2024 10:00:03 +0000"])[0].hops[0].flags

    assert flags_of("192.168.1.1") == ("private",)
    assert flags_of("127.0.0.1") == ("private", "loopback")
    assert flags_of("169.254.1.1") == ("private", "link_local")
    assert flags_of("100.64.0.1") == ("private", "cgnat")
    assert flags_of("fd00::1") == ("private",)
    assert flags_of("192.0.2.1") == ("bogon", "reserved")
    assert flags_of("2001:db8::1") == ("bogon", "reserved")
    assert flags_of("240.0.0.1") == ("bogon", "reserved")
    assert flags_of("81.2.69.160") == ()


# --- real chains from the corpora ---------------------------------------------------------------------


def corpus_message(relative: str) -> tuple[list[str], list[tuple[str, str]]]:
    message = email.message_from_bytes(corpus_bytes(relative), policy=compat32)
    received = [str(value) for value in message.get_all("Received") or []]
    return received, [(name, str(value)) for name, value in message.items()]


@pytest.mark.corpora
def test_it_walks_a_spamassassin_corpus_message_past_the_collectors_own_hops() -> None:
    received, headers = corpus_message(
        "spamassassin-public-corpus/easy_ham/00013.81c34741dbed59c6dde50777e27e7ea3"
    )
    origin, _ = walk_origin(received, trust=INFERRED, ip_country=NO_COUNTRIES.get, fallback_headers=headers)
    # localhost (Postfix), fetchmail over loopback, then the mailing list server that handed it over
    assert [hop.verdict for hop in origin.hops[:3]] == [
        HopVerdict.INTERNAL,
        HopVerdict.INTERNAL,
        HopVerdict.ORIGIN,
    ]
    assert origin.ip == "194.125.145.45"
    assert origin.hops[2].rdns == "lugh.tuatha.org"


@pytest.mark.corpora
def test_it_walks_an_exchange_online_message_when_microsoft_is_trusted() -> None:
    received, headers = corpus_message("phishing-pot/eml/sample-5755.eml")
    trust = TrustConfig.parse(
        ["2603:1000::/24", "40.92.0.0/15", "40.107.0.0/16", "52.100.0.0/14", "104.47.0.0/17"]
    )
    origin, _ = walk_origin(
        received, trust=trust, ip_country={"162.243.237.202": "US"}.get, fallback_headers=headers
    )
    assert origin.ip == "162.243.237.202"
    assert origin.country == "US"
    assert origin.anchored
    assert [hop.verdict for hop in origin.hops] == [
        HopVerdict.TRUSTED,  # ::1, mailbox server
        HopVerdict.TRUSTED,  # 2603:10b6:208:2bc::30
        HopVerdict.TRUSTED,  # 2603:10b6:208:2bc:cafe::67
        HopVerdict.ORIGIN,  # notificareceitafederal202.com (162.243.237.202)
        HopVerdict.UNVERIFIABLE,  # by notificareceitafederal202.com (Postfix, from userid 48)
    ]


@pytest.mark.corpora
def test_inference_alone_stops_an_exchange_online_message_at_microsofts_first_relay() -> None:
    received, headers = corpus_message("phishing-pot/eml/sample-5755.eml")
    origin, _ = walk_origin(
        received, trust=INFERENCE_ONLY, ip_country=NO_COUNTRIES.get, fallback_headers=headers
    )
    # Conservative by design: a public client is the origin unless a network says otherwise.
    assert origin.ip == "2603:10b6:208:2bc::30"
    assert origin.confidence == INFERRED_CONFIDENCE
    assert origin.trust_anchors == (INFERRED_ANCHOR,)


@pytest.mark.corpora
def test_it_follows_hotmail_webmail_to_the_originating_ip_header() -> None:
    received, headers = corpus_message(
        "spamassassin-public-corpus/easy_ham/00041.002af69a10eb9b6683a7cff5f3ac14b4"
    )
    # the collector trusts its own relays and the xent.com list server it subscribed to
    trust = TrustConfig.parse(["64.161.22.236/32"])
    origin, _ = walk_origin(received, trust=trust, ip_country=NO_COUNTRIES.get, fallback_headers=headers)
    # from hotmail.com (f160.law15.hotmail.com [64.4.23.160]) by xent.com (Postfix)
    assert origin.hops[4].verdict is HopVerdict.ORIGIN
    assert origin.method is OriginMethod.WEBMAIL_HEADER
    # X-Originating-Ip, and Received[6] "from 216.30.74.2 by lw15fd.law15.hotmail.msn.com with HTTP" agrees
    assert origin.ip == "216.30.74.2"
    assert origin.confidence == WEBMAIL_CONFIDENCE
    assert origin.trust_anchors == ("trusted:64.161.22.236/32", "fallback:X-Originating-Ip")


# --- the recipient's provider (shipped presets) -------------------------------------------------------

PRESET_ANCHORS = ("preset:microsoft-365", INFERRED_ANCHOR)


def corpus_walk(relative: str, trust: TrustConfig = INFERRED) -> Origin:
    received, headers = corpus_message(relative)
    return walk_origin(received, trust=trust, ip_country=NO_COUNTRIES.get, fallback_headers=headers)[0]


@pytest.mark.corpora
def test_without_trusted_networks_the_walk_passes_the_recipients_provider() -> None:
    # Exchange Online delivered it: ::1, two Microsoft relays, then EOP received it from the sender
    origin = corpus_walk("phishing-pot/eml/sample-5755.eml")
    assert origin.ip == "162.243.237.202"
    assert origin.anchored
    assert origin.confidence == PRESET_CONFIDENCE
    assert INFERRED_CONFIDENCE < PRESET_CONFIDENCE < ANCHORED_CONFIDENCE
    assert origin.trust_anchors == PRESET_ANCHORS
    assert [hop.verdict for hop in origin.hops] == [
        HopVerdict.INTERNAL,  # ::1
        HopVerdict.TRUSTED,  # 2603:10b6:208:2bc::30
        HopVerdict.TRUSTED,  # 2603:10b6:208:2bc:cafe::67
        HopVerdict.ORIGIN,  # notificareceitafederal202.com (162.243.237.202)
        HopVerdict.UNVERIFIABLE,
    ]
    assert origin.hops[1].reason == (
        "client 2603:10b6:208:2bc::30 (HELO BL1PR13CA0295.namprd13.prod.outlook.com) is a relay of the "
        "recipient's provider Microsoft 365 (2603:10b6::/32), received by MW4PR20MB4503.namprd20.prod.outlook.com"
    )
    assert "inside the recipient's provider Microsoft 365" in origin.hops[0].reason
    assert origin.hops[3].reason == (
        "client 162.243.237.202 (HELO notificareceitafederal202.com) is not a relay of the recipient's provider "
        "Microsoft 365: the first relay outside it, origin"
    )


@pytest.mark.corpora
def test_a_preset_walk_is_rerun_from_its_anchors() -> None:
    origin = corpus_walk("phishing-pot/eml/sample-5755.eml")
    rebuilt = TrustConfig.from_anchors(origin.trust_anchors)
    assert rebuilt == TrustConfig(presets=("microsoft-365",))
    assert corpus_walk("phishing-pot/eml/sample-5755.eml", rebuilt) == origin


@pytest.mark.corpora
def test_every_hop_trusted_by_a_preset_names_the_provider_and_its_network() -> None:
    origin = corpus_walk("phishing-pot/eml/sample-1008.eml")
    trusted = [hop for hop in origin.hops if hop.verdict is HopVerdict.TRUSTED]
    assert len(trusted) == 3
    for hop in trusted:
        assert "is a relay of the recipient's provider Microsoft 365 (2603:10b6::/32)" in hop.reason


@pytest.mark.corpora
def test_another_providers_outbound_relay_that_handed_the_message_over_is_the_origin() -> None:
    # Gmail (mail-qv1-f43.google.com) to a Microsoft 365 mailbox: Google handed it over
    origin = corpus_walk("phishing-pot/eml/sample-1008.eml")
    assert origin.ip == "209.85.219.43"
    assert origin.hops[3].verdict is HopVerdict.ORIGIN
    assert origin.hops[3].reason == (
        "client 209.85.219.43 (HELO mail-qv1-f43.google.com) is a relay of Gmail and Google Workspace "
        "(209.85.128.0/17), which handed the message to the recipient's provider Microsoft 365: the first relay "
        "outside it, origin"
    )
    # and the other way round: Outlook.com to a Gmail mailbox
    origin = corpus_walk("phishing-pot/eml/sample-233.eml")
    assert origin.trust_anchors == ("preset:google", INFERRED_ANCHOR)
    assert origin.ip == "40.92.19.52"
    assert "is a relay of Microsoft 365 (40.92.0.0/15), which handed the message to" in origin.reason


@pytest.mark.corpora
def test_mail_that_never_left_the_recipients_provider_names_no_one() -> None:
    # Outlook.com to Outlook.com: every client is Microsoft's; only Microsoft knows the sender
    origin = corpus_walk("phishing-pot/eml/sample-1053.eml")
    assert origin.ip is None
    assert not origin.anchored
    assert origin.trust_anchors == PRESET_ANCHORS
    assert "the message never left it" in origin.reason
    assert {hop.verdict for hop in origin.hops} == {HopVerdict.INTERNAL, HopVerdict.TRUSTED}
    # Gmail webmail to a Gmail mailbox
    origin = corpus_walk("phishing-pot/eml/sample-1207.eml")
    assert origin.ip is None
    assert origin.trust_anchors == ("preset:google", INFERRED_ANCHOR)


@pytest.mark.corpora
def test_a_webmail_header_naming_the_providers_own_relay_is_no_fallback() -> None:
    received, headers = corpus_message("phishing-pot/eml/sample-1053.eml")
    origin, _ = walk_origin(
        received,
        trust=INFERRED,
        ip_country=NO_COUNTRIES.get,
        fallback_headers=[*headers, ("X-Originating-IP", "[40.107.1.1]")],
    )
    assert origin.ip is None
    origin, _ = walk_origin(
        received,
        trust=INFERRED,
        ip_country=NO_COUNTRIES.get,
        fallback_headers=[*headers, ("X-Originating-IP", "[81.2.69.160]")],
    )
    assert origin.ip == "81.2.69.160"
    assert origin.confidence == UNANCHORED_WEBMAIL_CONFIDENCE
    assert origin.trust_anchors == (*PRESET_ANCHORS, "fallback:X-Originating-IP")


@pytest.mark.corpora
def test_only_the_presets_configured_are_used() -> None:
    origin = corpus_walk("phishing-pot/eml/sample-5755.eml", TrustConfig(presets=("google",)))
    assert origin.ip == "2603:10b6:208:2bc::30"  # Microsoft's preset is not allowed: inference alone
    assert origin.trust_anchors == (INFERRED_ANCHOR,)
    configured = TrustConfig(trusted_networks=REPORTER.trusted_networks, presets=("microsoft-365",))
    assert corpus_walk("phishing-pot/eml/sample-5755.eml", configured).trust_anchors == (
        "trusted:192.0.2.0/24",
    )
    with pytest.raises(ValueError, match="unknown provider preset"):
        TrustConfig(presets=("hotmail",))


@pytest.mark.corpora
def test_a_mail_collector_is_no_provider() -> None:
    origin = corpus_walk("spamassassin-public-corpus/easy_ham/00013.81c34741dbed59c6dde50777e27e7ea3")
    assert origin.trust_anchors == (INFERRED_ANCHOR,)
    assert origin.confidence == INFERRED_CONFIDENCE


GMAIL_TOP = [
    "by 2002:a05:6a10:1::1 with SMTP id x1csp1; Tue, 4 Jun 2024 03:00:06 -0700 (PDT)",
    "from smtp.gmail.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id y2"
    " for <victim@gmail.com>; Tue, 04 Jun 2024 03:00:05 -0700 (PDT)",
]


def test_a_user_who_authenticated_to_the_recipients_provider_is_the_origin() -> None:
    # a stranger's account at the same provider: not the reporter's own submission, as inference assumes
    chain = [
        *GMAIL_TOP,
        "from laptop ([81.2.69.160]) by smtp.gmail.com with ESMTPSA id z3; Tue, 04 Jun 2024 03:00:04 -0700 (PDT)",
    ]
    origin, _ = walk(chain)
    assert [hop.verdict for hop in origin.hops] == [
        HopVerdict.INTERNAL,
        HopVerdict.TRUSTED,
        HopVerdict.ORIGIN,
    ]
    assert origin.ip == "81.2.69.160"
    assert "the sender's own client" in origin.reason


def test_a_relay_named_like_the_provider_outside_its_networks_is_the_origin() -> None:
    chain = [
        GMAIL_TOP[0],
        "from mail-sor-f41.google.com (mail-sor-f41.google.com [81.2.69.160]) by mx.google.com with ESMTPS id y2;"
        " Tue, 04 Jun 2024 03:00:05 -0700",
    ]
    origin, _ = walk(chain)
    assert origin.ip == "81.2.69.160"
    assert origin.hops[1].verdict is HopVerdict.ORIGIN


def test_a_chain_break_inside_the_provider_unanchors_the_walk() -> None:
    chain = [
        *GMAIL_TOP,
        "from mail.sender.example ([81.2.69.160]) by relay.elsewhere.example (Postfix) with ESMTP id B;"
        " Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, defects = walk(chain)
    assert "chain_break" in origin.hops[2].flags
    assert origin.ip is None
    assert "chain breaks" in origin.reason
    assert "received.chain_break" in codes(defects)


def test_inside_the_provider_one_domain_is_no_hand_over() -> None:
    # millions of users share yahoo.com: a hop without a client IP cannot be passed on the name alone
    chain = [
        "from sonic.gate.mail.ne1.yahoo.com (sonic.gate.mail.ne1.yahoo.com [98.137.1.1]) by"
        " mx.mail.ne1.yahoo.com with ESMTPS id A; Tue, 4 Jun 2024 10:00:05 +0000",
        "from web.mail.yahoo.com by sonic.gate.mail.ne1.yahoo.com with HTTP; Tue, 4 Jun 2024 10:00:04 +0000",
        "from bot.example ([81.2.69.160]) by web.mail.yahoo.com with ESMTP; Tue, 4 Jun 2024 10:00:03 +0000",
    ]
    origin, defects = walk(chain)
    assert origin.trust_anchors == ("preset:yahoo-aol", INFERRED_ANCHOR)
    assert origin.hops[0].verdict is HopVerdict.TRUSTED
    assert origin.ip is None
    assert "received.no_client_ip" in codes(defects)


# --- fuzzing ------------------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "from", "by", "with", "id", "for", "via", "(", ")", "[", "]", ";", "HELO", "helo=", "unknown",
        "81.2.69.160", "10.0.0.1", "192.0.2.1", "::1", "IPv6:2001:db8::1", "localhost", "mail.example.com",
        "ESMTPSA", "HTTP", "(Postfix)", "(qmail 1 invoked by uid 0)", "Tue, 4 Jun 2024 10:00:00 +0000",
        "1 Jan 1970 00:00:00 -2359", "\n\t", "\x00", "\udcff",
    ]
)  # fmt: skip
HEADERISH = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=30).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(
    received=st.lists(HEADERISH, max_size=8),
    configured=st.booleans(),
    headers=st.lists(
        st.tuples(st.sampled_from(["X-Originating-IP", "X-Forwarded-For", "Subject"]), HEADERISH), max_size=4
    ),
    arf_source_ip=st.one_of(st.none(), st.text(max_size=40), st.just("81.2.69.160")),
)
def test_walk_origin_never_raises_on_lists_of_any_text(
    received: list[str], configured: bool, headers: list[tuple[str, str]], arf_source_ip: str | None
) -> None:
    origin, defects = walk_origin(
        received,
        trust=REPORTER if configured else INFERRED,
        ip_country=COUNTRIES.get,
        fallback_headers=headers,
        arf_source_ip=arf_source_ip,
    )
    assert len(origin.hops) == len(received)
    assert 0.0 <= origin.confidence <= 1.0
    assert all(isinstance(defect, Defect) for defect in defects)
    if origin.method is OriginMethod.RECEIVED_WALK:
        assert origin.anchored
        assert sum(hop.verdict is HopVerdict.ORIGIN for hop in origin.hops) == 1


def test_hops_built_through_their_slots_equal_hops_built_by_their_constructor() -> None:
    # the walk sets each Hop's slots itself, for speed, while Hop is the dataclass it knows
    hop_fields = [field.name for field in dataclasses.fields(Hop)]
    assert hop_fields == ["index", "raw", *ReceivedFields._fields[:12], "verdict", "reason", "flags"]
    # compiled by mypyc, Hop is a native class without member slots: the walk uses its constructor
    assert walk_module._SLOTS is not None or lapnet.analysis.COMPILED
    origin, _ = walk(CONFIGURED_CHAIN, REPORTER)
    for hop in origin.hops:
        rebuilt = Hop(**{name: getattr(hop, name) for name in hop_fields})
        assert hop == rebuilt
        assert hash(hop) == hash(rebuilt)
        assert repr(hop) == repr(rebuilt)
