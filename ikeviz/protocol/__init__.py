"""The sans-IO IKEv1 core: registries, the ISAKMP wire codec, crypto and the peers.

Nothing in this package does I/O, reads a clock or draws global randomness
(see the import-linter contract in ``pyproject.toml``): bytes go in, bytes and
events come out, and time and randomness are passed in by the caller.
"""
