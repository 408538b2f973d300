"""``lapnet import-package``: a package received by other means is verified against the directory's
node keys and loaded once; a tampered package, an unknown or revoked key is refused with the reason
and nothing is written. Two nodes share the test database: node-fr (alice's) exports, node-nl
(charlie's) imports."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from lapnet import cli
from lapnet.evidence.models import Evidence
from lapnet.exchange.keys import generate_private_key, public_key_pem
from lapnet.exchange.package import PackageContents, build_package
from lapnet.exchange.proforma import ProForma
from lapnet.referrals import actions
from lapnet.referrals.models import ImportedPackage, NodeKey, Referral, ReferralStatus
from lapnet.sharing.models import AuditEvent
from tests.personas import Personas
from tests.referrals.support import Network, corpus_referral, login, node

pytestmark = [pytest.mark.django_db, pytest.mark.corpora]


@pytest.fixture
def package(
    network: Network, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> tuple[Referral, bytes]:
    """The end-to-end referral, exported by node-fr."""
    with node(tmp_path, "node-fr"):
        referral, _evidence = corpus_referral(network, django_capture_on_commit_callbacks)
        exported = actions.do_export_package(network.personas.alice, referral)
    return referral, exported.data


@pytest.fixture
def node_nl(tmp_path: Path) -> Any:
    with node(tmp_path, "node-nl"):
        yield


def write(tmp_path: Path, data: bytes, name: str = "package.zip") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def run(path: str, organisation: str = "acm", capture: Any = None) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("import-package", path, "--organisation", organisation, stdout=out)
    return out.getvalue()


def counts() -> tuple[int, int, int, int]:
    return (
        Evidence.objects.count(),
        Referral.objects.count(),
        ImportedPackage.objects.count(),
        AuditEvent.objects.count(),
    )


def flip(data: bytes, inside: bytes) -> bytes:
    offset = data.index(inside) + len(inside) // 2
    return data[:offset] + bytes([data[offset] ^ 0x01]) + data[offset + 1 :]


def test_a_package_is_verified_and_loaded_on_the_receiving_node(
    personas: Personas,
    package: tuple[Referral, bytes],
    node_nl: None,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    original, data = package
    assert not Evidence.objects.filter(organisation=personas.acm).exists()
    output = run(write(tmp_path, data), capture=django_capture_on_commit_callbacks)
    assert f"verified {original.reference} from node node-fr" in output
    (loaded,) = Evidence.objects.filter(organisation=personas.acm)
    assert (loaded.channel, loaded.tlp) == ("cli", "amber")
    assert loaded.origin_ip == "185.98.145.214"  # analysed here again, from the bytes received
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (name,) = [n for n in archive.namelist() if n.startswith("evidence/")]
        assert loaded.blob.size == len(archive.read(name))
    received = Referral.objects.get(source_node="node-fr")
    assert received.source_reference == original.reference
    assert received.status == ReferralStatus.SENT
    assert (received.requesting_organisation, received.requested_organisation) == (
        personas.dgccrf,
        personas.acm,
    )
    assert list(received.evidence.all()) == [loaded]
    assert f"referral {received.reference} received" in output
    assert received.events.get().kind == "import"
    inbox = login(Client(), personas.charlie).get(reverse("referrals:detail", args=[received.pk]))
    assert inbox.status_code == 200 and b"node-fr" in inbox.content
    assert AuditEvent.objects.filter(object_type="referrals.importedpackage", action="create").exists()


def test_importing_the_same_package_twice_loads_it_once(
    package: tuple[Referral, bytes], node_nl: None, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    path = write(tmp_path, package[1])
    run(path, capture=django_capture_on_commit_callbacks)
    before = counts()
    output = run(path, capture=django_capture_on_commit_callbacks)
    assert "already imported: nothing loaded again" in output
    assert counts() == before


def test_a_tampered_package_is_refused_with_the_reason_and_nothing_written(
    package: tuple[Referral, bytes], node_nl: None, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    data = package[1]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (name,) = [n for n in archive.namelist() if n.startswith("evidence/")]
        evidence = archive.read(name)
    before = counts()
    with pytest.raises(CommandError) as refused:
        run(write(tmp_path, flip(data, evidence)), capture=django_capture_on_commit_callbacks)
    assert refused.value.returncode == 1
    assert "hash_mismatch" in str(refused.value) or "corrupt_member" in str(refused.value)
    assert name in str(refused.value)
    assert "nothing was loaded" in str(refused.value)
    assert counts() == before


def test_the_command_line_exits_non_zero_on_a_refused_package(
    package: tuple[Referral, bytes], node_nl: None, tmp_path: Path, capsys: Any
) -> None:
    path = write(tmp_path, flip(package[1], b'"sending_node"'))
    with pytest.raises(SystemExit) as exit_status:
        cli.main(["import-package", path, "--organisation", "acm"])
    assert exit_status.value.code == 1
    error = capsys.readouterr().err
    assert "refused" in error and "manifest.json" in error and "nothing was loaded" in error


def test_a_package_signed_with_an_unknown_key_is_refused(
    package: tuple[Referral, bytes], node_nl: None, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    original, _data = package
    stranger = build_package(
        PackageContents(
            referral_id=original.reference,
            sending_node="node-fr",
            created_at=datetime(2026, 11, 1, tzinfo=UTC),
            proforma=ProForma.from_dict(original.pro_forma),
        ),
        generate_private_key(),
    )
    before = counts()
    with pytest.raises(CommandError, match="unknown_key"):
        run(write(tmp_path, stranger), capture=django_capture_on_commit_callbacks)
    assert counts() == before


def test_a_package_signed_with_a_revoked_key_is_refused(
    personas: Personas,
    package: tuple[Referral, bytes],
    node_nl: None,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    actions.do_revoke_node_key(personas.erin, NodeKey.objects.get(node_id="node-fr"))
    before = counts()
    with pytest.raises(CommandError, match="revoked_key"):
        run(write(tmp_path, package[1]), capture=django_capture_on_commit_callbacks)
    assert counts() == before


def test_a_node_does_not_import_its_own_package(
    package: tuple[Referral, bytes], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with node(tmp_path, "node-fr"), pytest.raises(CommandError, match="sent by this node"):
        run(write(tmp_path, package[1]), capture=django_capture_on_commit_callbacks)


def test_it_says_what_it_could_not_match_and_still_loads_the_evidence(
    personas: Personas,
    package: tuple[Referral, bytes],
    node_nl: None,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    original, _data = package
    key = generate_private_key()
    actions.do_add_node_key(personas.erin, "node-jp", public_key_pem(key).decode())
    document = dict(original.pro_forma)
    document["requesting_agency"] = {**document["requesting_agency"], "organisation": "Japan Consumer Agency"}
    document["requesting_agency"]["country"] = "JP"
    foreign = build_package(
        PackageContents(
            referral_id="JP-7",
            sending_node="node-jp",
            created_at=datetime(2026, 11, 1, tzinfo=UTC),
            proforma=ProForma.from_dict(document),
            messages=(b"From: a@spam.example\r\nTo: b@victim.example\r\nSubject: x\r\n\r\nbuy\r\n",),
        ),
        key,
    )
    output = run(write(tmp_path, foreign), capture=django_capture_on_commit_callbacks)
    assert "loaded 1 message(s) for Autoriteit Consument & Markt" in output
    assert "not matched: requesting agency 'Japan Consumer Agency' (JP) is not a member here" in output
    assert not Referral.objects.filter(source_node="node-jp").exists()


def test_a_package_is_imported_from_the_upload_page(
    personas: Personas,
    package: tuple[Referral, bytes],
    node_nl: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    charlie = login(Client(), personas.charlie)
    url = reverse("referrals:import-package")
    assert charlie.get(url).status_code == 200
    tampered = io.BytesIO(flip(package[1], b"%PDF"))
    tampered.name = "package.zip"
    refused = charlie.post(url, {"package": tampered})
    assert refused.status_code == 400 and b"import-error" in refused.content
    upload = io.BytesIO(package[1])
    upload.name = "package.zip"
    with django_capture_on_commit_callbacks(execute=True):
        response = charlie.post(url, {"package": upload})
    assert response.status_code == 200 and b"import-result" in response.content
    assert Referral.objects.filter(source_node="node-fr", requested_organisation=personas.acm).exists()
    assert login(Client(), personas.dave).get(url).status_code == 403  # contributors do not import
