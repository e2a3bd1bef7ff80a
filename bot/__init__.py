"""Bilateral's front ends that talk to people (the Discord bot lives in bot.discord)."""
