"""``python -m cgt_timeline``."""

from cgt_timeline.cli import main

main()
