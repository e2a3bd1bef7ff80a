"""From files to the store: reading each file type, metadata, preparing articles, the pipeline."""
