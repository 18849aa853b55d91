"""Use-cases of the sales department, in plain Python: a ``Session`` in, dataclasses (DTOs) out.

No Qt here. The UI calls these on its single database worker; the CLI and the tests call them
directly. Every write validates first and raises ``ServiceError`` subclasses with translatable
messages; a refused call writes nothing.
"""
