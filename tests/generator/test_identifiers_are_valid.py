"""The identifiers the generator invents pass the checks real ones pass: fictional phone ranges that
libphonenumber accepts, sending addresses that the RIR data places in their country."""

from __future__ import annotations

import random

import iptocc
import phonenumbers

from lapnet.generator.addresses import country_blocks, sender_ip
from lapnet.generator.identifiers import PHONE_RANGES, PhoneBook


def test_every_fictional_range_is_valid_in_its_country() -> None:
    for country, ranges in PHONE_RANGES.items():
        for block in ranges:
            for suffix in (0, block.size // 2, block.size - 1):
                number = phonenumbers.parse(f"{block.prefix}{suffix:0{block.digits}d}")
                assert phonenumbers.is_valid_number(number), (country, block.prefix)
                assert phonenumbers.region_code_for_number(number) == country, (country, block.prefix)


def test_the_phone_book_never_hands_out_a_number_twice() -> None:
    book = PhoneBook(random.Random(1))
    numbers = [book.take("JM") for _ in range(300)]  # Jamaica's range holds 100: it moves on
    assert len(set(numbers)) == 300


def test_sending_addresses_lie_in_their_country_for_many_countries() -> None:
    rng = random.Random(3)
    countries = ("NG", "JM", "VN", "BR", "RU", "IN", "CI", "SN", "LT", "KR", "ZA", "CO", "BD", "MA", "CY")
    for country in countries:
        assert country in country_blocks()
        for _ in range(5):
            assert iptocc.country_code(sender_ip(rng, country)) == country
