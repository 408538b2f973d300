"""Running the platform: the web server with its task worker, workers alone, bulk import, the demo.

The commands (``lapnet serve``, ``worker``, ``import``, ``demo``) are Django management commands in
``management/commands``; each parses its options and calls a function here, so the logic is testable
without a command line. :mod:`lapnet.runtime.keys` is the one module that runs *before* Django's
settings load (the CLI uses it to give a local installation its secret key), so it imports no Django.
"""
