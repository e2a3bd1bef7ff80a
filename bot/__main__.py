"""`python -m bot` runs the `bilateral` command."""

from bot.cli.commands import main

main()
