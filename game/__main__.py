"""`python -m game`: the command line and the desktop game."""

import sys

from game.cli import main

sys.exit(main())
