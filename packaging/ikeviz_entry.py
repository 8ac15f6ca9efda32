"""The entry point of the PyInstaller build (packaging/ikeviz.spec): the ``ikeviz`` command."""

import sys

from ikeviz.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
