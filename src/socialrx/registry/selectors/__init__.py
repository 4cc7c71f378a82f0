"""Reads of the registry shared by pages and the API, each in a fixed number of queries."""
