"""``python -m valuesgap`` runs the CLI."""

from valuesgap.cli import main

main()
