"""The one ``lapnet`` command line: every job a user runs starts here."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from lapnet import __version__

FORMATS = ("jsonl", "json", "table")
KINDS = ("email", "arf", "xarf", "sms")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lapnet", description=__doc__)
    parser.add_argument("--version", action="version", version=f"lapnet {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze",
        help="analyse evidence files and folders (email, mbox, Maildir, ARF, X-ARF, SMS)",
        description="Analyse raw spam evidence and print one result per message. Folders are "
        "recursed; mbox files and SMS record files are read record by record. A broken message is a "
        "result with defects, never a failure: the exit status is non-zero only for usage errors.",
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    analyze.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    analyze.add_argument(
        "--workers", type=_positive_int, default=1, help="processes to analyse with (default: 1)"
    )
    analyze.add_argument(
        "--trusted-networks",
        default="",
        metavar="CIDR,...",
        help="the reporter's own relays: the header walk trusts these and reports the first relay outside "
        "them as the origin (without it, lapnet infers conservatively and lowers the confidence)",
    )
    analyze.add_argument("--kind", choices=KINDS, help="force the input kind instead of detecting it")
    analyze.add_argument("--reporter-country", metavar="CC", help="ISO 3166 code of the reporting country")
    analyze.add_argument("--output", "-o", metavar="FILE", help="write results to FILE instead of stdout")

    generate = commands.add_parser(
        "generate",
        help="write realistic spam evidence of known campaigns, with its ground truth",
        description="Write OUT/reports/ (RFC 5322 e-mail and SMS reports), OUT/ground_truth.jsonl and "
        "OUT/campaigns.json: REPORTS reports spread over CAMPAIGNS invented campaigns (plus background "
        "noise), the same bytes for the same seed. The format is in docs/generator.md.",
    )
    generate.add_argument("out", metavar="OUT", help="folder to write (must be new or empty)")
    generate.add_argument("--campaigns", type=_natural_int, default=20, help="campaigns (default: 20)")
    generate.add_argument("--reports", type=_natural_int, default=1000, help="reports (default: 1000)")
    generate.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    generate.add_argument(
        "--start", type=_date, default=None, metavar="YYYY-MM-DD", help="first day (default: 2026-01-01)"
    )
    generate.add_argument("--days", type=_positive_int, default=90, help="length of the period (default: 90)")
    generate.add_argument(
        "--noise", type=float, default=0.05, help="share of reports in no campaign (default: 0.05)"
    )

    for name, summary in DJANGO_COMMANDS.items():
        sub = commands.add_parser(name, help=summary, add_help=False)
        sub.add_argument("arguments", nargs=argparse.REMAINDER)
    return parser


# lapnet subcommands that are Django management commands of the platform (lapnet/*/management/). They
# are dispatched before argparse sees them (``main``), so every option goes to the command's own parser:
# ``lapnet import --help`` shows the import options.
DJANGO_COMMANDS = {
    "serve": "run the web site and a task worker (waitress; Ctrl-C stops both)",
    "worker": "run task workers alone (analysis of queued evidence)",
    "import": "bulk-import evidence files, folders and mbox for a member organisation",
    "import-package": "verify a signed referral evidence package and load it (--organisation ORG)",
    "demo": "create a demo network with evidence analysed through the real pipeline",
    "manage": "run any Django management command (migrate, createsuperuser, check, ...)",
}


def run_django(command: str, arguments: Sequence[str]) -> int:
    """Run a management command with lapnet's settings; creates the data folder on first use.

    A local installation needs no key of its own: when neither ``SECRET_KEY`` nor ``SECRET_KEY_FILE``
    is set, the data folder's key is used (made on first use, mode 0600) before the settings load.
    """
    from lapnet.runtime.keys import ensure_secret_key

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lapnet.settings")
    ensure_secret_key()
    from django.conf import settings  # type: ignore[import-untyped]
    from django.core.management import execute_from_command_line  # type: ignore[import-untyped]

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    argv = ["lapnet", *arguments] if command == "manage" else ["lapnet", command, *arguments]
    execute_from_command_line(argv)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in DJANGO_COMMANDS:
        return run_django(arguments[0], arguments[1:])
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "analyze":
        return _analyze(parser, args)
    if args.command == "generate":
        return _generate(parser, args)
    return 2  # pragma: no cover - argparse rejects unknown commands first


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _natural_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def _date(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _generate(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    import time

    from lapnet.generator import DEFAULT_START, plan, write

    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        parser.error(f"{out} exists and is not an empty folder")
    if not 0 <= args.noise <= 1:
        parser.error("--noise takes a share between 0 and 1")
    started = time.perf_counter()
    try:
        generation = plan(
            campaigns=args.campaigns,
            reports=args.reports,
            seed=args.seed,
            start=args.start or DEFAULT_START,
            days=args.days,
            noise=args.noise,
        )
    except ValueError as error:
        parser.error(str(error))
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=generation.total, unit="report", file=sys.stderr, dynamic_ncols=True)
    try:
        write(generation, out, on_report=(lambda _: progress.update(1)) if progress is not None else None)
    except KeyboardInterrupt:
        return 130
    finally:
        if progress is not None:
            progress.close()
    elapsed = time.perf_counter() - started
    print(
        f"Wrote {generation.total} reports ({generation.noise} noise) of {len(generation.campaigns)} campaigns "
        f"to {out} in {elapsed:.1f} s ({generation.total / max(elapsed, 1e-9):,.0f} reports/s)"
    )
    return 0


def _analyze(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from lapnet.analysis.runner import analyze_paths, count_files, make_config, prepare_process
    from lapnet.analysis.types import Kind

    missing = [path for path in args.paths if not Path(path).exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    if args.reporter_country and (len(args.reporter_country) != 2 or not args.reporter_country.isalpha()):
        parser.error(f"--reporter-country takes a two-letter ISO 3166 code, not {args.reporter_country!r}")
    try:
        config = make_config(args.trusted_networks, args.reporter_country)
    except ValueError as error:
        parser.error(f"--trusted-networks: {error}")
    kind = Kind(args.kind) if args.kind else None
    prepare_process(config)  # this process analyses many items (and its forked workers inherit it)

    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=count_files(args.paths), unit="file", file=sys.stderr, dynamic_ncols=True)
    out: TextIO
    out = Path(args.output).open("w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        results = analyze_paths(
            args.paths,
            config=config,
            kind=kind,
            workers=args.workers,
            on_file=(lambda: progress.update(1)) if progress is not None else None,
        )
        _write(results, args.format, out)
    except BrokenPipeError:  # `lapnet analyze ... | head` is a normal way to look
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        if progress is not None:
            progress.close()
        if out is not sys.stdout:
            out.close()
    return 0


def _write(results: Iterable[dict[str, object]], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for result in results:
            out.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            out.flush()
    elif fmt == "json":
        out.write("[")
        for number, result in enumerate(results):
            out.write(",\n" if number else "\n")
            out.write(json.dumps(result, ensure_ascii=False, indent=2))
        out.write("\n]\n")
    else:
        _write_table(results, out)


TABLE_COLUMNS = (("source", 48), ("kind", 5), ("category", 22), ("origin", 22), ("cc", 3), ("subject", 40))


def _write_table(results: Iterable[dict[str, object]], out: TextIO) -> None:
    out.write("  ".join(name.ljust(width) for name, width in TABLE_COLUMNS).rstrip() + "\n")
    for result in results:
        source = result["source"]
        origin = result.get("origin") or {}
        assert isinstance(source, dict) and isinstance(origin, dict)
        where = str(source["path"]) + (f"#{source['index']}" if source.get("index") is not None else "")
        row = (
            where,
            result["kind"],
            result["category"],
            origin.get("ip") or "-",
            origin.get("country") or "-",
            str(result.get("subject") or "").replace("\n", " "),
        )
        cells = [
            _fit(str(value), width, keep_end=name == "source")
            for value, (name, width) in zip(row, TABLE_COLUMNS, strict=True)
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    if len(text) <= width:
        return text.ljust(width)
    return "…" + text[-(width - 1) :] if keep_end else text[: width - 1] + "…"


if __name__ == "__main__":
    sys.exit(main())
