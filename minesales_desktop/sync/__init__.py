"""Offline sync: change capture on the laptop, a central server, and the protocol between them.

See ``docs/sync-protocol.md`` for the contract. The desktop UI uses ``sync.client.SyncClient``;
``minesales serve`` runs ``sync.server.app``.
"""
