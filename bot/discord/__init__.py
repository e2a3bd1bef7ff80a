"""The Discord bot: a discord.py client over the engine, one cog per feature."""
