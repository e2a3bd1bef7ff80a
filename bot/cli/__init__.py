"""The command line: `bilateral` and its commands, the chat, and the text they print."""
