"""`python -m bot` runs the `bilateral` command."""

from bot.cli import main

main()
