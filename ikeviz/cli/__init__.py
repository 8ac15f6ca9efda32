"""The ``ikeviz`` command line."""
