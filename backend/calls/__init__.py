"""Calls: WebSocket signaling between a kiosk and a staff browser, chat, and ICE server configuration."""
