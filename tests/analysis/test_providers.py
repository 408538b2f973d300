"""The shipped provider presets: the table, host names, network lookups."""

from __future__ import annotations

import ipaddress
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapnet.analysis.providers import (
    PRESETS_VERSION,
    PROVIDERS,
    preset_networks,
    provider_by_key,
    provider_for_host,
    provider_networks_of,
)


def test_the_table_covers_the_large_mailbox_providers() -> None:
    assert {provider.key for provider in PROVIDERS} >= {
        "microsoft-365",
        "google",
        "yahoo-aol",
        "apple-icloud",
        "gmx-webde",
        "yandex",
        "mail-ru",
        "zoho",
        "proton",
    }
    assert len({provider.key for provider in PROVIDERS}) == len(PROVIDERS)
    assert PRESETS_VERSION


def test_every_network_is_a_canonical_cidr_and_no_two_providers_overlap() -> None:
    networks = []
    for provider in PROVIDERS:
        assert provider.networks, provider.key
        for cidr in provider.networks:
            network = ipaddress.ip_network(cidr)  # strict: no host bits set
            assert network.prefixlen >= (8 if network.version == 4 else 16)
            networks.append((provider.key, network))
    for (key, one), (other_key, other) in itertools.combinations(networks, 2):
        if key != other_key and one.version == other.version:
            assert not one.overlaps(other), (key, one, other_key, other)


def test_every_suffix_starts_with_a_dot_and_belongs_to_one_provider() -> None:
    suffixes = [suffix for provider in PROVIDERS for suffix in provider.host_suffixes]
    assert all(suffix.startswith(".") and suffix == suffix.lower() for suffix in suffixes)
    assert len(set(suffixes)) == len(suffixes)


def test_host_names_match_at_a_label_boundary() -> None:
    assert provider_for_host("mx.google.com") is provider_by_key("google")
    assert provider_for_host("BN8PR12CA0005.outlook.office365.com") is provider_by_key("microsoft-365")
    assert provider_for_host("DM6NAM10FT006.mail.protection.outlook.com.") is provider_by_key("microsoft-365")
    assert provider_for_host("outlook.com") is provider_by_key("microsoft-365")
    assert provider_for_host("mailin040.protonmail.ch") is provider_by_key("proton")
    assert provider_for_host("notgoogle.com") is None
    assert provider_for_host("google.com.evil.example") is None
    assert provider_for_host("2002:a05:612c:711:b0:381:73ac:3a65") is None
    assert provider_for_host("localhost") is None
    assert provider_for_host("") is None


def test_preset_networks_lists_what_a_preset_contributed() -> None:
    networks = preset_networks("preset:microsoft-365")
    assert ipaddress.ip_network("40.107.0.0/16") in networks
    assert ipaddress.ip_network("2603:10b6::/32") in networks
    assert preset_networks("google") == tuple(
        ipaddress.ip_network(cidr) for cidr in provider_by_key("google").networks
    )
    with pytest.raises(KeyError):
        preset_networks("preset:hotmail")


def test_addresses_are_matched_to_the_networks_that_hold_them() -> None:
    microsoft = provider_by_key("microsoft-365")
    assert provider_networks_of("40.107.21.5") == ((microsoft, "40.107.0.0/16"),)
    assert provider_networks_of("2603:10b6:208:2bc::30") == ((microsoft, "2603:10b6::/32"),)
    assert provider_networks_of("209.85.219.43") == ((provider_by_key("google"), "209.85.128.0/17"),)
    assert provider_networks_of("17.58.1.1") == ((provider_by_key("apple-icloud"), "17.0.0.0/8"),)
    assert provider_networks_of("81.2.69.160") == ()
    assert provider_networks_of("2603:1030::1") == ()  # Azure, where anyone rents a VM
    assert provider_networks_of("10.0.0.1") == ()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.ip_addresses().map(str)))
def test_lookups_never_raise(text: str) -> None:
    provider_networks_of(text)
    provider_for_host(text)
