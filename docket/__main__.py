"""`python -m docket` is the `docket` command."""

from docket.cli import main

main()
