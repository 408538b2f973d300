"""The pure-Python analysis core: raw evidence bytes in, typed frozen results out.

This package never imports Django (a lint rule enforces it) and never raises on hostile input: what
is wrong with the input is recorded as :class:`~lapnet.analysis.types.Defect` instead.
"""
