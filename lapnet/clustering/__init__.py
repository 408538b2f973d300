"""Campaign clustering, the pure part: what makes two reports the same operation.

No Django, no database: a report's analysis result and text in, integers out.

- :mod:`.normalise`: the text of a report with what varies between copies of one template masked
  (URLs, addresses, numbers, reference codes, phone numbers, the recipient's name), as tokens;
- :mod:`.minhash`: word shingles, a MinHash signature (numpy, fixed seeds, 128 permutations), LSH
  band keys as 63-bit integers that fold in the band number, and the Jaccard estimate;
- :mod:`.links`: beneficiary and infrastructure link keys from an analysis result dict (landing
  domains and hosts, drop boxes, phones, wallets, IBANs, affiliate identifiers, the origin IP);
- :mod:`.exclusions`: values that are everywhere and never link reports on their own (the maintained
  list in ``data/exclusions.txt``, plus the reporter's own addresses);
- :mod:`.lists`: what a discussion list adds to every post (its footer, its own domains), cut from
  the compared text and kept out of the keys;
- :mod:`.features`: all of the above for one report (text from the raw bytes, result dict).

The persistent, incremental engine that uses them is ``lapnet.campaigns.engine``; the algorithm,
thresholds and figures are in ``docs/campaign-clustering.md``.
"""

from __future__ import annotations

from lapnet.clustering.features import ReportFeatures, report_features
from lapnet.clustering.links import KeyKind, LinkKey, link_keys
from lapnet.clustering.minhash import BANDS, NUM_PERM, ROWS, band_keys, jaccard, signature

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "KeyKind",
    "LinkKey",
    "ReportFeatures",
    "band_keys",
    "jaccard",
    "link_keys",
    "report_features",
    "signature",
]
