"""``python -m ikeviz``: the same entry point as the ``ikeviz`` console script."""

import sys

from ikeviz.cli.main import main

sys.exit(main())
