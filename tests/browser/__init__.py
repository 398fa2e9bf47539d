# A package, so that tests/browser/conftest.py is imported as tests.browser.conftest and does not
# shadow the root conftest.py, which app tests import as `conftest`.
