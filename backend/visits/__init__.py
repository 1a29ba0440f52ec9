"""Visits: a citizen's ticket in a counter's queue, the staff member who takes it, and the outcome."""
