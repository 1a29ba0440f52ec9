"""Identity: staff, their passkeys and sessions, invites, and enrolled terminals (kiosks, tablets)."""
