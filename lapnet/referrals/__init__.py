"""Cross-border referrals (bounded context "referrals"): an agency refers evidence to the competent
agency of another country, routed, deadlined, tracked to an outcome.

Where things live:

- ``workflow.py``   the referral as a pure transition table (no Django), who may fire each event
- ``deadlines.py``  acknowledgement and reply deadlines (pure), ``conf.py`` reads their settings
- ``models.py``     referrals, their evidence and campaign links, events and message thread
- ``proforma.py``   the pro forma JSON (``lapnet.exchange.proforma.ProForma``): built and validated
- ``access.py``     the only way to fetch referrals and the evidence seen through them
- ``routing.py``    jurisdictions -> competent members -> proposed recipients, and the pre-filled pro forma
- ``actions/``      every write: draft, send, answer, decide, report, close, revise, message; export
                    and import evidence packages, the directory of node keys (``actions/exchange.py``)
- ``nodekeys.py``   this node's signing key (a file, never the database) and the trusted keys
- ``queries.py``    the inbox, overdue referrals
- ``tasks.py``      deadline reminders (django.tasks), run by ``lapnet manage referral_reminders``
- ``forms.py``, ``views.py``, ``urls.py``  the pages; templates in ``templates/referrals/``
"""
