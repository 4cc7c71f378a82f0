"""Use cases of the membership network, one module per concept."""
