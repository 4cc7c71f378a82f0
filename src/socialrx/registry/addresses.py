"""One rule for an account's address, for the pages and for imports alike: normalised per
platform (`socialrx.core.platforms`), and short enough to store."""

from __future__ import annotations

from socialrx.core.platforms import AccountAddress, AccountAddressError, normalize_account

from .models import Account


def account_address(value: str, platform: str | None = None) -> AccountAddress:
    """The account `value` names; AccountAddressError with a readable reason otherwise."""
    address = normalize_account(value, platform or None)
    # A long site address grows when normalised (https:// is added): the columns must hold it.
    for name in ("handle", "key", "url"):
        if len(getattr(address, name)) > Account._meta.get_field(name).max_length:
            raise AccountAddressError("This address is too long to be an account's address.")
    return address
