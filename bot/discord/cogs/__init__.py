"""The bot's extensions, one per feature; BilateralBot.setup_hook loads them by name."""
