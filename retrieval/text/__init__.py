"""Text as the engine reads it: cleaning, sentences, dates in prose, chunks of whole sentences."""
