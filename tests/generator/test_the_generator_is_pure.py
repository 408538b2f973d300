"""The generator is a pure library, like the analysis core: importing it loads no Django."""

from __future__ import annotations

import subprocess
import sys


def test_importing_and_running_the_generator_loads_no_django() -> None:
    code = (
        "import sys\n"
        "from lapnet.generator import iter_reports\n"
        "assert len(list(iter_reports(campaigns=3, reports=20, seed=1))) == 20\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
