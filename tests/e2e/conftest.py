from .browser import browser, new_page  # noqa: F401 - fixtures for every browser test
