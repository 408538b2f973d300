"""The network (bounded context "members"): organisations, points of contact, national coordination,
membership applications, sector resources, and the people (users and roles).

Where things live:

- ``models.py``      the tables; statuses and kinds are ``TextChoices``
- ``workflow.py``    the membership application as a pure transition table (no Django)
- ``access.py``      the only way to fetch rows for a user, and who may change what
- ``actions/``       every write (atomic, audited, mail on commit): ``applications``, ``organisations``
                     (profile, networks, domains, contacts, national coordination), ``users``, ``resources``
- ``queries.py``     reads: the directory and its filter choices
- ``validation.py``  normal forms of networks, domains, PGP fingerprints, language codes
- ``countries.py``   country and language names from data our dependencies already ship
- ``forms.py``, ``views.py``, ``urls.py``  the thin web layer; templates in ``templates/members/``
"""
