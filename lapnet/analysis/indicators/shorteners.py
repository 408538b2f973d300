"""Known URL shorteners and redirectors that hide where a link leads.

A URL on one of these hosts (or a subdomain of one) is flagged ``("shortener", "true")``: the
registrable domain of such a URL says nothing about the site behind it, and the operator of the
shortener is the one to ask for the target or to disable the link.

Maintenance: add hosts in lower case, without ``www.``, keeping each group sorted. Only services
that redirect to arbitrary third-party targets belong here; single-brand shorteners that only lead
to their own site (``amzn.to``, ``youtu.be``) do not. Sources: the services' own pages, abuse
reports seen in the corpora, and public blocklists of shorteners.
"""

from __future__ import annotations

from typing import Final

SHORTENER_HOSTS: Final[frozenset[str]] = frozenset(
    {
        # general-purpose shorteners
        "1url.com", "2.gp", "adf.ly", "b.link", "bc.vc", "bit.do", "bit.ly", "bitly.com", "bitly.ws",
        "bl.ink", "buff.ly", "cli.gs", "clck.ru", "cutt.ly", "cutt.us", "dlvr.it", "gg.gg",
        "goo.gl", "goo.su", "hyperurl.co", "ift.tt", "is.gd", "j.mp", "kutt.it", "lnkd.in",
        "mcaf.ee", "n9.cl", "ow.ly", "qr.ae", "qrco.de", "rb.gy", "rebrand.ly", "s.id",
        "short.gy", "shorte.st", "shorturl.asia", "shorturl.at", "snip.ly", "soo.gd", "su.pr",
        "surl.li", "t.co", "t.ly", "tiny.cc", "tiny.one", "tinyurl.com", "tinu.be", "tr.im",
        "trib.al", "u.nu", "u.to", "urlz.fr", "urlr.me", "v.gd", "v.ht", "x.co", "zpr.io",
        # monetised link shorteners (ad interstitials)
        "exe.io", "ouo.io", "ouo.press", "shrinkme.io", "za.gl",
        # file-share short links and link redirectors commonly abused in phishing
        "1drv.ms", "db.tt", "lnkiy.in", "rotf.lol", "shorturl.me", "tiny.pl",
        # IP loggers posing as shorteners
        "2no.co", "blasze.com", "grabify.link", "iplogger.com", "iplogger.org", "yip.su",
    }
)  # fmt: skip


def is_shortener(host: str) -> bool:
    """True when ``host`` (lower-case ASCII) is a known shortener or a subdomain of one."""
    if host in SHORTENER_HOSTS:
        return True
    position = host.find(".")
    while position != -1:
        suffix = host[position + 1 :]
        if suffix in SHORTENER_HOSTS:
            return True
        position = host.find(".", position + 1)
    return False
