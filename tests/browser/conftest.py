# The journeys' fixtures live in fixtures.py, loaded for every app's tests by the root conftest.
