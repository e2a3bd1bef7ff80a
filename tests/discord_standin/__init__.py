"""A local stand-in for Discord (REST and gateway) and a fake engine, for the bot's tests."""
