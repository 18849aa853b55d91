"""The commodity pricing engine (pure Python, exact Decimal); the public API is re-exported by
:mod:`minesales_desktop.services.pricing`, which is what the rest of the app imports."""
