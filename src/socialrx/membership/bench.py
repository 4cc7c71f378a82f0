"""The membership pages `make bench` measures (see socialrx.core.benchmarks)."""

from socialrx.core.benchmarks import BenchPage

PAGES = [BenchPage("Pricing", "/pricing/", order=20)]
