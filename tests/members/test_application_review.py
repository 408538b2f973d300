"""The secretariat's review short of approval: asking for more information (and the applicant's
answer), declining with a reason, the applicant withdrawing; and what the public form refuses."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lapnet.members import access
from lapnet.members.models import ApplicationEventKind, ApplicationStatus, MembershipApplication, Organisation
from lapnet.sharing.models import AuditEvent
from tests.members.support import application_data, login
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)  # mail goes out when the transaction commits


@pytest.fixture
def application(personas: Personas, client: Client) -> MembershipApplication:
    client.post(reverse("members:submit-application"), application_data())
    mail.outbox.clear()
    return MembershipApplication.objects.get()


def applicant_page(application: MembershipApplication) -> str:
    return reverse("members:track-application", args=[access.application_token(application)])


def test_the_secretariat_asks_for_more_information_and_the_applicant_is_told(
    personas: Personas, client: Client, application: MembershipApplication
) -> None:
    login(client, personas.erin)
    response = client.post(
        reverse("members:request-information", args=[application.pk]),
        {"message": "Which law gives you powers over spam?"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MORE_INFORMATION_REQUESTED
    [message] = mail.outbox
    assert message.to == [application.contact_email]
    assert "Which law gives you powers over spam?" in message.body
    assert applicant_page(application) in message.body
    event = AuditEvent.objects.get(action="decide", object_id=str(application.pk))
    assert event.actor == personas.erin
    assert event.detail["to"] == "more_information_requested"


def test_the_applicant_answers_through_their_link_and_the_application_is_back_for_review(
    personas: Personas, client: Client, application: MembershipApplication
) -> None:
    login(client, personas.erin)
    client.post(
        reverse("members:request-information", args=[application.pk]), {"message": "Your legal basis?"}
    )
    client.logout()
    page = client.get(applicant_page(application))
    assert b"Your legal basis?" in page.content and b"Your answer" in page.content
    token = access.application_token(application)
    response = client.post(
        reverse("members:answer-application", args=[token]), {"message": "Article 21 of the LSSI."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds == [
        ApplicationEventKind.SUBMIT,
        ApplicationEventKind.REQUEST_INFORMATION,
        ApplicationEventKind.PROVIDE_INFORMATION,
    ]
    assert any("Article 21 of the LSSI." in m.body for m in mail.outbox if m.to == [personas.erin.email])
    login(client, personas.erin)
    review = client.get(reverse("members:review-application", args=[application.pk]))
    assert b"Article 21 of the LSSI." in review.content


def test_asking_without_a_question_is_refused(
    personas: Personas, client: Client, application: MembershipApplication
) -> None:
    login(client, personas.erin)
    response = client.post(reverse("members:request-information", args=[application.pk]), {"message": ""})
    assert response.status_code == 200
    assert response.context["request_form"].errors
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_secretariat_declines_with_a_reason_the_applicant_reads(
    personas: Personas, client: Client, application: MembershipApplication
) -> None:
    login(client, personas.erin)
    client.post(
        reverse("members:decline-application", args=[application.pk]),
        {"message": "Outside the remit of the network."},
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decision_reason == "Outside the remit of the network."
    assert application.decided_by == personas.erin
    [message] = mail.outbox
    assert "Outside the remit of the network." in message.body
    assert not Organisation.objects.filter(country="ES").exists()
    event = AuditEvent.objects.get(action="decide", object_id=str(application.pk))
    assert event.detail["reason"] == "Outside the remit of the network."
    client.logout()
    page = client.get(applicant_page(application))
    assert b"Declined" in page.content and b"Outside the remit of the network." in page.content
    assert b"Withdraw" not in page.content


def test_declining_without_a_reason_is_refused(
    personas: Personas, client: Client, application: MembershipApplication
) -> None:
    login(client, personas.erin)
    response = client.post(reverse("members:decline-application", args=[application.pk]), {"message": " "})
    assert response.status_code == 200 and response.context["decline_form"].errors
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_declined_application_can_no_longer_be_approved(
    personas: Personas, client: Client, application: MembershipApplication
) -> None:
    login(client, personas.erin)
    client.post(reverse("members:decline-application", args=[application.pk]), {"message": "No."})
    response = client.post(reverse("members:approve-application", args=[application.pk]), follow=True)
    assert b"already declined" in response.content
    assert not Organisation.objects.filter(country="ES").exists()


def test_the_applicant_can_withdraw(
    personas: Personas, client: Client, application: MembershipApplication
) -> None:
    token = access.application_token(application)
    response = client.post(reverse("members:withdraw-application", args=[token]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert AuditEvent.objects.filter(action="change", object_id=str(application.pk), actor=None).exists()


def test_a_forged_applicant_link_shows_nothing(client: Client, application: MembershipApplication) -> None:
    token = access.application_token(application)
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    assert client.get(reverse("members:track-application", args=[forged])).status_code == 404
    assert client.post(reverse("members:withdraw-application", args=[forged])).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize("username", ["alice", "carol", "dave"])
def test_only_the_secretariat_sees_applications(
    personas: Personas, client: Client, application: MembershipApplication, username: str
) -> None:
    login(client, getattr(personas, username))
    assert client.get(reverse("members:list-applications")).status_code == 403
    assert client.get(reverse("members:review-application", args=[application.pk])).status_code == 404
    assert client.post(reverse("members:approve-application", args=[application.pk])).status_code == 404
    assert (
        client.post(
            reverse("members:decline-application", args=[application.pk]), {"message": "x"}
        ).status_code
        == 404
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_list_shows_open_applications_first_and_others_on_request(
    personas: Personas, client: Client, application: MembershipApplication
) -> None:
    login(client, personas.erin)
    client.post(reverse("members:decline-application", args=[application.pk]), {"message": "No."})
    assert list(client.get(reverse("members:list-applications")).context["applications"]) == []
    declined = client.get(reverse("members:list-applications"), {"status": "declined"})
    assert list(declined.context["applications"]) == [application]


def test_the_public_form_says_what_is_wrong_and_stores_nothing(client: Client) -> None:
    response = client.post(
        reverse("members:submit-application"),
        application_data(
            contact_email="not an address",
            networks="10.0.0.0/8\n0.0.0.0/0\nnonsense",
            domains="co.uk",
            languages="english",
            contact_pgp_fingerprint="1234",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"contact_email", "networks", "domains", "languages", "contact_pgp_fingerprint"}
    assert len(errors["networks"]) == 3
    assert "public suffix" in errors["domains"][0]
    assert not MembershipApplication.objects.exists()


def test_a_robot_that_fills_the_hidden_field_is_refused(client: Client) -> None:
    response = client.post(reverse("members:submit-application"), application_data(homepage="http://spam"))
    assert response.status_code == 200
    assert not MembershipApplication.objects.exists()


def test_the_contacts_key_fingerprint_is_stored_in_groups_of_four(client: Client) -> None:
    fingerprint = "0123456789abcdef0123456789abcdef01234567"
    client.post(reverse("members:submit-application"), application_data(contact_pgp_fingerprint=fingerprint))
    stored = MembershipApplication.objects.get().contact_pgp_fingerprint
    assert stored == "0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567"


def test_the_country_must_be_chosen(client: Client) -> None:
    response = client.post(reverse("members:submit-application"), application_data(country=""))
    assert "country" in response.context["form"].errors
    assert not MembershipApplication.objects.exists()
