"""Finding chunks: embedders (sentence-transformers and ONNX behind one interface), the Chroma
store, the BM25 keyword index, the hybrid retriever, snapshots of what is derived from the store."""
