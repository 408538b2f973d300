# ruff: noqa: N999 - the module name is the command name: `lapnet import-package`
"""``lapnet import-package FILE --organisation ORG``: verify an evidence package received by other
means against the directory's node keys and load it (``actions.do_import_package``).

Exit status: 0 when the package verified (loaded, or already loaded before), 1 when it was refused
(the reason printed, nothing written), 2 for usage errors.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lapnet.evidence.models import Channel
from lapnet.exchange.package import PackageError
from lapnet.referrals.actions import ReferralError, do_import_package
from lapnet.runtime.importer import ImportUsageError, resolve_organisation, resolve_user


class Command(BaseCommand):
    help = (
        "Verify a signed evidence package against the node keys of the directory (unknown and revoked "
        "keys are refused) and load its evidence for an organisation, with the referral when both "
        "agencies are members here. Importing the same package again loads nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the package (ZIP)")
        parser.add_argument(
            "--organisation",
            "--org",
            required=True,
            help="the organisation the evidence is loaded for: slug, short name or name",
        )
        parser.add_argument(
            "--user", help="user name to record as importer (must belong to the organisation)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            organisation = resolve_organisation(options["organisation"])
            user = resolve_user(options["user"], organisation)
            data = path.read_bytes()
        except ImportUsageError as error:
            raise CommandError(str(error), returncode=2) from None
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}", returncode=2) from None
        try:
            result = do_import_package(data, organisation=organisation, actor=user, channel=Channel.CLI)
        except PackageError as error:
            where = f" ({error.path})" if error.path else ""
            raise CommandError(f"refused {path}: {error}{where}; nothing was loaded", returncode=1) from None
        except ReferralError as error:
            raise CommandError(f"refused {path}: {error}; nothing was loaded", returncode=1) from None
        package = result.package
        self.stdout.write(
            f"verified {package.referral_id} from node {package.sending_node}, signed with "
            f"{package.signer.fingerprint}"
        )
        if result.already_imported:
            self.stdout.write("already imported: nothing loaded again")
            return
        self.stdout.write(
            f"loaded {len(result.evidence)} message(s) for {organisation.name}: "
            + ", ".join(f"evidence {item.pk}" for item in result.evidence)
        )
        if result.referral is not None:
            self.stdout.write(f"referral {result.referral.reference} received ({result.referral.title})")
        for line in result.unmatched:
            self.stdout.write(f"not matched: {line}; no referral was created")
