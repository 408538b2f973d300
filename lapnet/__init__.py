"""lapnet: the open platform of an international spam-enforcement network."""

__version__ = "0.1.0"
