"""kmg: prepare the kennismakingsgesprek (introductory conversation) of a Dutch primary school."""

__version__ = "0.1.0"
