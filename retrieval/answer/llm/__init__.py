"""Generative answers: chat models through LangChain, every citation checked against its source."""
