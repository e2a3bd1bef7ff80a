"""Answering a question: its analysis, the extractive answerer and chain, LLM answers (llm/)."""
