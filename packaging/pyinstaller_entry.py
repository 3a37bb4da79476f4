"""Entry point of the stand-alone bundle (PyInstaller runs this file as ``__main__``).

Same as the ``factdesk`` console script; ``freeze_support`` lets the child processes factdesk
starts with multiprocessing (import and alignment, the PDF helpers) run inside the frozen
program instead of starting factdesk again.
"""

import multiprocessing
import sys

from factdesk.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
