"""The ground truth agrees with the evidence: every report's beneficiaries belong to its campaign, no two
campaigns share an identifier, noise stands alone, and the sizes add up."""

from __future__ import annotations

from collections import Counter

from lapnet.generator import iter_reports, plan


def test_every_beneficiary_is_one_of_its_campaigns_identifiers() -> None:
    generation = plan(campaigns=40, reports=800, seed=11)
    campaigns = {c.id: c for c in generation.campaigns}
    for report in generation.reports():
        if report.campaign_id is None:
            continue
        campaign = campaigns[report.campaign_id]
        assert report.kind == campaign.kind.key
        assert report.language in campaign.languages
        assert report.beneficiaries, report.name  # every message carries something to act on
        owned = campaign.identifiers()
        for kind, values in report.beneficiaries.items():
            assert set(values) <= set(owned[kind]), (report.name, kind, values)
        if report.channel == "email":
            assert report.origin_country in campaign.countries
            assert report.origin_ip in {host.ip for host in campaign.hosts}


def test_no_identifier_is_shared_by_two_campaigns_or_by_noise() -> None:
    generation = plan(campaigns=60, reports=1500, seed=5, noise=0.2)
    owners: dict[str, set[str]] = {}
    for campaign in generation.campaigns:
        for values in campaign.identifiers().values():
            for value in values:
                owners.setdefault(value, set()).add(str(campaign.id))
    for number, report in enumerate(generation.reports()):
        for values in report.beneficiaries.values():
            for value in values:
                owners.setdefault(value, set()).add(report.campaign_id or f"noise-{number}")
    shared = {value: who for value, who in owners.items() if len(who) > 1}
    assert not shared


def test_reports_add_up_to_the_campaign_sizes_and_the_noise_share() -> None:
    generation = plan(campaigns=30, reports=1000, seed=2, noise=0.1)
    counts = Counter(r.campaign_id for r in generation.reports())
    assert counts[None] == generation.noise == 100
    assert {c.id: n for c, n in zip(generation.campaigns, generation.sizes, strict=True)} == {
        key: n for key, n in counts.items() if key is not None
    }
    assert sum(counts.values()) == 1000


def test_sizes_are_long_tailed_and_every_campaign_has_reports() -> None:
    generation = plan(campaigns=200, reports=20_000, seed=1)
    sizes = sorted(generation.sizes, reverse=True)
    assert min(sizes) >= 2
    assert sum(sizes[:20]) > sum(sizes) * 0.4  # the top 10% of campaigns carry a large share
    assert sizes[len(sizes) // 2] < sum(sizes) / len(sizes)  # the median is below the mean


def test_two_hundred_campaigns_of_one_kind_are_distinct_operations() -> None:
    generation = plan(campaigns=280, reports=2800, seed=9)
    lotteries = [c for c in generation.campaigns if c.kind.key == "lottery"]
    assert len(lotteries) >= 10
    assert len({c.domains[0] for c in lotteries}) == len(lotteries)
    assert len({c.dropboxes[0] for c in lotteries}) == len(lotteries)
    assert len({c.phones[0] for c in lotteries}) == len(lotteries)
    assert len({c.title for c in lotteries}) > len(lotteries) // 3


def test_reports_spread_over_the_period_in_time_order_and_some_campaigns_surge() -> None:
    generation = plan(campaigns=100, reports=5000, seed=4, days=60)
    times = [r.sent_at for r in generation.reports()]
    assert times == sorted(times)
    assert len({t.date() for t in times}) >= 50
    assert any(life.surge is not None for life in generation.lives)


def test_it_writes_several_languages_channels_and_kinds() -> None:
    reports = list(iter_reports(campaigns=60, reports=3000, seed=6))
    assert len({r.language for r in reports}) >= 7
    assert {r.channel for r in reports} == {"email", "sms"}
    assert len({r.kind for r in reports}) >= 12
    assert len({r.origin_country for r in reports if r.origin_country}) >= 20
