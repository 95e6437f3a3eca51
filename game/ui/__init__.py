"""The desktop front end (pygame-ce): the only package of the game that imports pygame."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# The window runs one game: numpy's BLAS thread pool only adds threads that spin on the
# second core after each call and steal time from drawing. Set before numpy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
