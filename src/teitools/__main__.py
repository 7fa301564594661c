"""`python -m teitools` runs the teitools command."""

from teitools.cli import main

main()
