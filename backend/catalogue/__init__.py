"""The catalogue: providers (city departments and private counters) and the services they offer."""
