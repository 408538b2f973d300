"""Users of an organisation: coordinators invite, deactivate and change roles (never to secretariat);
the secretariat manages everyone."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lapnet.members.models import Role, User
from lapnet.sharing.models import AuditEvent
from tests.members.support import login
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)  # the invitation is mailed on commit


def invite(client: Client, slug: str = "dgccrf", **overrides: str) -> object:
    data = {
        "first_name": "Hugo",
        "last_name": "Bernard",
        "email": "hugo.bernard@dgccrf.example",
        "role": "analyst",
    }
    data.update(overrides)
    return client.post(reverse("members:invite-user", args=[slug]), data)


def test_a_coordinator_invites_a_user_who_gets_a_one_time_link(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    response = invite(client)
    assert response.status_code == 200
    hugo = User.objects.get(email="hugo.bernard@dgccrf.example")
    assert (hugo.organisation, hugo.role, hugo.username) == (personas.dgccrf, Role.ANALYST, "hugo.bernard")
    assert not hugo.has_usable_password()
    link = response.context["invitation"].set_password_url
    assert link.encode() in response.content
    [message] = mail.outbox
    assert message.to == ["hugo.bernard@dgccrf.example"] and link in message.body
    assert AuditEvent.objects.filter(actor=personas.carol, action="create", object_id=str(hugo.pk)).exists()
    client.logout()
    password = "another long passphrase 42"
    path = link.removeprefix("http://testserver")
    client.post(path, {"new_password1": password, "new_password2": password})
    hugo.refresh_from_db()
    assert hugo.check_password(password)


def test_a_coordinator_cannot_make_anyone_a_secretariat_admin(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    response = invite(client, role="secretariat")
    assert response.status_code == 200 and "role" in response.context["invite_form"].errors
    assert not User.objects.filter(email="hugo.bernard@dgccrf.example").exists()
    client.post(reverse("members:change-user-role", args=[personas.alice.pk]), {"role": "secretariat"})
    personas.alice.refresh_from_db()
    assert personas.alice.role == Role.ANALYST


def test_a_coordinator_changes_the_role_of_a_user_of_their_organisation(
    personas: Personas, client: Client
) -> None:
    login(client, personas.carol)
    response = client.post(
        reverse("members:change-user-role", args=[personas.alice.pk]), {"role": "coordinator"}
    )
    assert response.status_code == 302
    personas.alice.refresh_from_db()
    assert personas.alice.role == Role.COORDINATOR
    event = AuditEvent.objects.get(action="security", object_id=str(personas.alice.pk))
    assert event.detail == {"from": "analyst", "to": "coordinator"}


def test_a_coordinator_deactivates_and_reactivates_a_user(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    client.post(reverse("members:deactivate-user", args=[personas.bob.pk]))
    personas.bob.refresh_from_db()
    assert not personas.bob.is_active
    client.post(reverse("members:reactivate-user", args=[personas.bob.pk]))
    personas.bob.refresh_from_db()
    assert personas.bob.is_active
    assert AuditEvent.objects.filter(action="security", object_id=str(personas.bob.pk)).count() == 2


def test_a_coordinator_cannot_change_their_own_account(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    response = client.post(reverse("members:deactivate-user", args=[personas.carol.pk]), follow=True)
    assert b"cannot change your own account" in response.content
    client.post(reverse("members:change-user-role", args=[personas.carol.pk]), {"role": "viewer"})
    personas.carol.refresh_from_db()
    assert (personas.carol.is_active, personas.carol.role) == (True, Role.COORDINATOR)


def test_a_coordinator_cannot_touch_users_of_another_organisation(
    personas: Personas, client: Client, frank: User
) -> None:
    login(client, frank)
    assert client.post(reverse("members:deactivate-user", args=[personas.alice.pk])).status_code == 404
    assert (
        client.post(
            reverse("members:change-user-role", args=[personas.alice.pk]), {"role": "viewer"}
        ).status_code
        == 404
    )
    assert invite(client).status_code == 403
    personas.alice.refresh_from_db()
    assert personas.alice.is_active and personas.alice.role == Role.ANALYST


@pytest.mark.parametrize("username", ["alice", "dave"])
def test_analysts_and_contributors_do_not_manage_users(
    personas: Personas, client: Client, username: str
) -> None:
    user = getattr(personas, username)
    login(client, user)
    assert client.get(reverse("members:list-users", args=[user.organisation.slug])).status_code == 403
    assert client.post(reverse("members:deactivate-user", args=[personas.bob.pk])).status_code == 404


def test_the_users_page_lists_the_organisations_accounts(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    page = client.get(reverse("members:list-users", args=["dgccrf"]))
    assert {u.username for u in page.context["users"]} == {"alice", "bob", "carol"}
    assert "secretariat" not in {value for value, _ in page.context["role_choices"]}


def test_the_secretariat_manages_every_organisations_users(personas: Personas, client: Client) -> None:
    login(client, personas.erin)
    assert client.get(reverse("members:list-users", args=["acm"])).status_code == 200
    client.post(reverse("members:change-user-role", args=[personas.charlie.pk]), {"role": "secretariat"})
    personas.charlie.refresh_from_db()
    assert personas.charlie.role == Role.SECRETARIAT
    assert invite(client, slug="mailco", email="ops@mailco.example", role="contributor").status_code == 200
    assert User.objects.get(email="ops@mailco.example").organisation == personas.mailco


def test_a_coordinator_cannot_change_a_secretariat_admin(personas: Personas, client: Client) -> None:
    personas.bob.role = Role.SECRETARIAT
    personas.bob.save()
    login(client, personas.carol)
    response = client.post(reverse("members:deactivate-user", args=[personas.bob.pk]), follow=True)
    assert b"only the secretariat may change a secretariat admin" in response.content
    personas.bob.refresh_from_db()
    assert personas.bob.is_active


def test_the_same_address_is_not_invited_twice(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    invite(client)
    response = invite(client)
    assert b"already has a user with the address" in response.content
    assert User.objects.filter(email="hugo.bernard@dgccrf.example").count() == 1


def test_a_deactivated_users_link_no_longer_works(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    link = invite(client).context["invitation"].set_password_url
    hugo = User.objects.get(email="hugo.bernard@dgccrf.example")
    client.post(reverse("members:deactivate-user", args=[hugo.pk]))
    client.logout()
    assert client.get(link.removeprefix("http://testserver")).status_code == 400


def test_a_mangled_link_is_refused(client: Client) -> None:
    assert client.get(reverse("members:set-password", args=["bm9wZQ", "nope"])).status_code == 400
    assert client.get(reverse("members:set-password", args=["%%%", "x-y"])).status_code == 400
