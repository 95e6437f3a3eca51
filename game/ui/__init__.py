"""The desktop front end (pygame-ce): the only package of the game that imports pygame."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
