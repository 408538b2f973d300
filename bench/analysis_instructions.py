"""Instructions the analysis takes a message, counted by callgrind: a figure that does not drift.

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=OUT \
        .venv/bin/python bench/analysis_instructions.py [--corpus DIR] [--step N]

(``bench/analysis-instructions`` runs it so and prints the count.) The process imports lapnet, warms
it up and sets itself up as ``lapnet analyze`` does (``prepare_process``); only then does it ask
callgrind to count (``callgrind_control -i on``), over every ``--step``-th message of the
SpamAssassin corpus in the runner's batches, and stop (``-i off``). The machines here are shared and
their speed moves by ±15 % from one minute to the next: the benchmark's ratio cannot show a change of a
few per cent, an instruction count can (two runs of one build agree to 0.1 %; set PYTHONHASHSEED for
that). Instructions are not time: cache misses, the larger part of the difference between a stage
alone and in the pipeline, are not counted. Judge a change by both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis_throughput import corpus_parser, load  # the benchmark's own corpus reading


def main() -> int:
    parser = corpus_parser(__doc__)
    parser.add_argument("--step", type=int, default=10, help="every N-th message (default 10: ~393)")
    args = parser.parse_args()

    from lapnet.analysis import COMPILATION
    from lapnet.analysis.analyze import AnalysisConfig, analyze_items
    from lapnet.analysis.runner import BATCH_ITEMS, prepare_process
    from lapnet.analysis.sources import Item
    from lapnet.analysis.types import Source

    messages = [data for _, data in load(args.corpus, 0)]
    if not messages:
        print(f"no SpamAssassin corpus under {args.corpus}", file=sys.stderr)
        return 2
    chosen = messages[:: args.step]
    config = AnalysisConfig()
    analyze_items([Item(Source("warm-up"), data) for data in messages[1:400:4]], config)  # lazy tables
    prepare_process(config)
    batches = [
        [Item(Source("bench"), data) for data in chosen[start : start + BATCH_ITEMS]]
        for start in range(0, len(chosen), BATCH_ITEMS)
    ]
    control = ["callgrind_control", "-i"]
    subprocess.run([*control, "on", str(os.getpid())], check=True, capture_output=True)
    for batch in batches:
        analyze_items(batch, config)
    subprocess.run([*control, "off", str(os.getpid())], check=True, capture_output=True)
    print(f"messages {len(chosen)}; lapnet.analysis: {COMPILATION}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
