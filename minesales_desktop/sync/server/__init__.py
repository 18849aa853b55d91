"""The central sync server: the FastAPI app, the change store, tokens and accounts."""
