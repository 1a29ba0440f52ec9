"""Simulated hardware shipped with the bridge, so demos and tests run the real path without devices."""
