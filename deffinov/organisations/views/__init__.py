"""Structures: registration, public page and edition, colleagues (invitations and members)."""
