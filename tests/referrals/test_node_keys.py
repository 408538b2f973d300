"""The node's signing key lives in a file of the data folder (mode 0600), never in the database; its
public half is in the directory, where the secretariat adds other nodes' keys and revokes them."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from lapnet.evidence.models import Evidence
from lapnet.exchange.keys import fingerprint, generate_private_key, public_key_b64, public_key_pem
from lapnet.referrals import actions, conf, nodekeys
from lapnet.referrals.models import NodeKey
from lapnet.sharing.models import AuditEvent
from tests.personas import Personas
from tests.referrals.support import Network, login, node, sent_referral


def test_the_signing_key_is_made_once_in_the_data_folder_readable_by_its_owner_only(tmp_path: Path) -> None:
    with override_settings(DATA_DIR=tmp_path, LAPNET_NODE_KEY_FILE=""):
        path = conf.node_key_file()
        assert path == tmp_path / "node_signing_key.pem"
        first = nodekeys.signing_key()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
        assert fingerprint(nodekeys.signing_key()) == fingerprint(first)


def test_a_key_file_others_can_read_is_narrowed(tmp_path: Path) -> None:
    path = tmp_path / "key.pem"
    nodekeys.signing_key(path)
    path.chmod(0o644)
    nodekeys.signing_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@override_settings(LAPNET_NODE_ID="", LAPNET_BASE_URL="https://LAPNET.acm.example/")
def test_the_node_id_defaults_to_the_host_of_the_base_url() -> None:
    assert conf.node_id() == "lapnet.acm.example"


@pytest.mark.django_db
def test_the_local_key_is_registered_in_the_directory_on_first_use_and_not_its_private_half(
    tmp_path: Path,
) -> None:
    with node(tmp_path, "node-fr"):
        key, entry = nodekeys.local_node_key()
        again = nodekeys.local_node_key()[1]
    assert entry == again and NodeKey.objects.count() == 1
    assert (entry.node_id, entry.is_local, entry.public_key) == ("node-fr", True, public_key_b64(key))
    assert "PRIVATE" not in entry.public_key
    assert [trusted.fingerprint for trusted in nodekeys.trusted_keys()] == [entry.fingerprint]


@pytest.mark.django_db
def test_the_secretariat_adds_a_nodes_key_and_it_is_audited(personas: Personas, tmp_path: Path) -> None:
    key = generate_private_key()
    erin = login(Client(), personas.erin)
    url = reverse("referrals:node-keys")
    with node(tmp_path, "node-fr"):
        response = erin.post(url, {"node_id": "node-nl", "public_key": public_key_pem(key).decode()})
        assert response.status_code == 302
        page = erin.get(url)
    entry = NodeKey.objects.get(node_id="node-nl")
    assert entry.fingerprint == fingerprint(key) and not entry.is_local and entry.added_by == personas.erin
    assert entry.fingerprint.encode() in page.content and b"node-fr" in page.content
    event = AuditEvent.objects.get(object_type="referrals.nodekey", object_id=str(entry.pk))
    assert (event.action, event.actor, event.detail["node"]) == ("create", personas.erin, "node-nl")


@pytest.mark.django_db
def test_a_key_that_is_not_ed25519_is_refused(personas: Personas, tmp_path: Path) -> None:
    with node(tmp_path, "node-fr"):
        response = login(Client(), personas.erin).post(
            reverse("referrals:node-keys"), {"node_id": "node-nl", "public_key": "not a key"}
        )
    assert response.status_code == 400
    assert not NodeKey.objects.filter(node_id="node-nl").exists()


@pytest.mark.django_db
def test_only_the_secretariat_changes_the_directory(personas: Personas, tmp_path: Path) -> None:
    key = generate_private_key()
    alice = login(Client(), personas.alice)
    with node(tmp_path, "node-fr"):
        page = alice.get(reverse("referrals:node-keys"))
        assert page.status_code == 200 and b"add-node-key" not in page.content
        response = alice.post(
            reverse("referrals:node-keys"), {"node_id": "node-x", "public_key": public_key_b64(key)}
        )
        assert response.status_code == 403
        local = NodeKey.objects.get(is_local=True)
        assert alice.post(reverse("referrals:revoke-node-key", args=[local.pk])).status_code == 403
    assert NodeKey.objects.filter(revoked_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_a_revoked_key_is_no_longer_trusted(personas: Personas, tmp_path: Path) -> None:
    with node(tmp_path, "node-fr"):
        entry = nodekeys.local_node_key()[1]
        response = login(Client(), personas.erin).post(reverse("referrals:revoke-node-key", args=[entry.pk]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.revoked_at is not None and entry.revoked_by == personas.erin
    assert nodekeys.trusted_keys() == []
    assert AuditEvent.objects.filter(object_type="referrals.nodekey", action="change").exists()


@pytest.mark.django_db
def test_the_members_directory_links_to_the_node_keys(personas: Personas) -> None:
    page = login(Client(), personas.charlie).get(reverse("members:directory"))
    assert reverse("referrals:node-keys").encode() in page.content


@pytest.mark.django_db
def test_a_node_whose_own_key_was_revoked_refuses_to_sign(
    personas: Personas, network: Network, report: Evidence, tmp_path: Path
) -> None:
    with node(tmp_path, "node-fr"):
        referral = sent_referral(network, [report])
        actions.do_revoke_node_key(personas.erin, nodekeys.local_node_key()[1])
        with pytest.raises(actions.ReferralError, match="was revoked"):
            actions.do_export_package(personas.alice, referral)
