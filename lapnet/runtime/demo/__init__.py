"""The demo network: members, people and evidence that make a fresh installation look alive.

``lapnet demo`` (``management/commands/demo.py``) calls :func:`lapnet.runtime.demo.seed.create_demo`.
Seed data comes from this command, never from migrations.

- ``network.py``: the members, their points of contact, national coordinators, users of every role;
- ``campaigns.py``: which campaigns of :mod:`lapnet.generator` run and which members receive them;
- ``corpora.py``: a sample of the real public corpora, when they are beside the clone;
- ``seed.py``: plans the reports over 90 days and submits them through the evidence actions.
"""
