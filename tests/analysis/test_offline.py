"""The analysis stays offline: no library it uses may open a network connection at run time.

The test runs a fresh interpreter in which every socket connection and name lookup raises, then
imports the analysis and analyses evidence of every kind (the first use is when lazy data loads and
refreshes would happen, as tldextract's list refresh would).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

PROGRAM = r"""
import socket, sys

class NetworkUsed(AssertionError):
    pass

def refuse(*args, **kwargs):
    raise NetworkUsed(f"network access attempted: {args!r}")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
socket.gethostbyname = refuse

from lapnet.analysis.analyze import analyze_bytes
from lapnet.analysis.types import Kind

email = open(sys.argv[1], "rb").read()
sms = b"spam\tWIN a prize! Call +447700900123 or visit bit.ly/x1\n"
xarf = b'{"xarf_version": "4.0.0", "category": "messaging", "type": "spam"}'
results = analyze_bytes(email) + analyze_bytes(sms, kind=Kind.SMS) + analyze_bytes(xarf, kind=Kind.XARF)
codes = [d.code for r in results for d in r.defects]
assert "analysis.internal_error" not in codes, codes
print("offline", len(results), results[0].language, results[0].origin.country)
"""


def test_the_analysis_never_touches_the_network() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(FIXTURES / "crlf_lottery.eml")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["offline", "3", "en", "GB"]
