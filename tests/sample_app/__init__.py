"""A reading-list app that exists only in the tests: it proves that an app brings its rules,
demo, menu item, dashboard panel, organization tab and API router by declaring them, without
a line changed in core, organizations, membership, templates/base.html or api/
(tests/test_a_new_app_plugs_in.py)."""
