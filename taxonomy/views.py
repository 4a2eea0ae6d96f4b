"""Public pages of organisations and places."""
