"""The common template of a campaign's texts: fixed text, and slots where the copies differ."""

from __future__ import annotations

import time

from lapnet.campaigns.template_text import MAX_TOKENS, Segment, common_template, tokenise

SMISHING = [
    "Royal Mail: your parcel RM482913GB has a £1.99 unpaid shipping fee. Pay now: https://rm-redelivery.example/p/8f3k2",
    "Royal Mail: your parcel RM771045GB has a £2.99 unpaid shipping fee. Pay now: https://rm-redelivery.example/p/q91xa",
    "Royal Mail: your parcel RM120388GB has a £1.49 unpaid shipping fee. Pay now: https://rm-redelivery.example/p/zz0p1",
    "Royal Mail: your parcel RM930027GB has a £1.99 unpaid shipping fee. Pay now: https://rm-redelivery.example/p/77bcd",
]

LOTTERY = [
    "Dear Marie,\n\nCongratulations! Your e-mail address has won 125,000 GBP in the UK National Lottery. "
    "Call our agent on +44 20 7946 0958 to claim.",
    "Dear Pieter,\n\nCongratulations! Your e-mail address has won 1,250,000 GBP in the UK National Lottery. "
    "Call our agent on +44 161 496 0000 to claim.",
    "Dear Jonas,\n\nCongratulations! Your e-mail address has won 375,000 GBP in the UK National Lottery. "
    "Call our agent on +33 1 23 45 67 89 to claim.",
]


def render(segments: tuple[Segment, ...]) -> str:
    return "".join(f"[{'|'.join(s.examples)}]" if s.varying else s.text for s in segments)


def slots(segments: tuple[Segment, ...]) -> list[Segment]:
    return [s for s in segments if s.varying]


def test_it_keeps_the_shared_text_and_marks_each_varying_part_once() -> None:
    template = common_template(SMISHING)
    assert render(template) == (
        "Royal Mail: your parcel [RM482913GB|RM771045GB|RM120388GB] has a £[1.99|2.99|1.49] unpaid "
        "shipping fee. Pay now: https://rm-redelivery.example/p/[8f3k2|q91xa|zz0p1]"
    )


def test_slot_examples_are_the_most_frequent_values_and_count_the_distinct_ones() -> None:
    fee = slots(common_template(SMISHING))[1]
    assert fee.examples[0] == "1.99"  # seen twice
    assert fee.distinct == 3
    parcel = slots(common_template(SMISHING, max_examples=2))[0]
    assert len(parcel.examples) == 2 and parcel.distinct == 4


def test_a_number_with_separators_is_one_slot() -> None:
    rendered = render(common_template(LOTTERY))
    assert "won [125,000|1,250,000|375,000] GBP" in rendered
    assert "Dear [Marie|Pieter|Jonas]," in rendered


def test_a_phone_number_with_spaces_is_one_slot() -> None:
    rendered = render(common_template(LOTTERY))
    assert "Call our agent on [+44 20 7946 0958|+44 161 496 0000|+33 1 23 45 67 89] to claim." in rendered


def test_a_slot_shows_the_reference_copy_s_value_as_its_text() -> None:
    template = common_template(LOTTERY)
    name = slots(template)[0]
    assert name.text in name.examples


def test_words_only_one_copy_adds_are_left_out() -> None:
    texts = [
        "Your account has been suspended. Verify your identity at https://secure-bank.example/login",
        "Your account has been suspended. Verify your identity at https://secure-bank.example/login",
        "Your account has been suspended today. Verify your identity at https://secure-bank.example/login",
    ]
    assert common_template(texts) == (
        Segment("Your account has been suspended. Verify your identity at https://secure-bank.example/login"),
    )


def test_identical_copies_have_no_slot() -> None:
    assert slots(common_template(["Buy cheap meds now"] * 5)) == []


def test_texts_with_nothing_in_common_are_one_slot() -> None:
    template = common_template(["alpha beta gamma", "delta epsilon", "zeta eta theta iota"])
    assert [s.varying for s in template] == [True]


def test_one_text_is_all_fixed_and_no_text_is_nothing() -> None:
    assert common_template(["  Only this one.  "]) == (Segment("Only this one."),)
    assert common_template([]) == ()
    assert common_template(["", "   \n "]) == ()


def test_other_scripts_and_accents_are_words() -> None:
    texts = [
        "Félicitations Éloïse ! Vous avez gagné un iPhone 15. Réclamez-le ici.",
        "Félicitations Agnès ! Vous avez gagné un iPhone 15. Réclamez-le ici.",
        "Félicitations Zoé ! Vous avez gagné un iPhone 15. Réclamez-le ici.",
    ]
    assert render(common_template(texts)) == (
        "Félicitations [Éloïse|Agnès|Zoé] ! Vous avez gagné un iPhone 15. Réclamez-le ici."
    )
    assert tokenise("Привет, мир") == ["Привет", ",", " мир"]


def test_white_space_is_folded_into_the_next_token_as_one_space_or_one_line_break() -> None:
    assert tokenise("  a  \t b\n\n  c.") == [" a", " b", "\nc", "."]


def test_the_space_before_a_slot_stays_outside_it() -> None:
    template = common_template(["Hello Anna and welcome", "Hello Bob and welcome"])
    assert [s.text for s in template] == ["Hello ", "Anna", " and welcome"]


def test_long_hostile_input_is_cut_and_stays_fast() -> None:
    noise = " ".join(f"w{i % 97}" for i in range(50_000))
    started = time.perf_counter()
    template = common_template([noise, noise[::-1], "x" * 100_000, noise])
    assert time.perf_counter() - started < 5
    assert len(tokenise(noise)) == MAX_TOKENS
    assert template
