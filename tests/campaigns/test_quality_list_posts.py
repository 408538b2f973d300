"""Ham is not pulled into spam campaigns by what a mailing list adds to every post (its footer, its
addresses, its server as the origin): the cause of ham in spam campaigns on the SpamAssassin corpus."""

from __future__ import annotations

import pytest

from tests.campaigns.engine_support import campaign_of, submit
from tests.clustering.list_posts import list_post
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_question_to_a_list_does_not_join_a_spam_posted_to_the_same_list(personas: Personas) -> None:
    spam = submit(
        personas.alice,
        list_post("GREEN CARD", "GREEN CARD http://www.yesilkart.top/", number=1),
    )
    ham = submit(
        personas.alice,
        list_post("Test spam", "Hi, any spam to test?", number=1),
    )
    assert campaign_of(spam) != campaign_of(ham)


def test_spam_of_two_senders_posted_to_one_list_stay_two_campaigns(personas: Personas) -> None:
    meds = submit(
        personas.alice,
        list_post("Cheap meds", "Order your pills without prescription at http://meds-now.top/", number=2),
    )
    loans = submit(
        personas.alice,
        list_post("Refinance now", "Lowest mortgage rates, apply at http://rates-today.top/form", number=2),
    )
    assert campaign_of(meds) != campaign_of(loans)
