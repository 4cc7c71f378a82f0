"""Money is integer cents plus a currency code, everywhere. This is how it is shown."""

CURRENCY_SYMBOLS = {"USD": "$"}


def format_cents(cents: int | None, currency: str = "USD") -> str:
    if cents is None:
        return "—"
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(int(cents)), 100)
    symbol = CURRENCY_SYMBOLS.get(currency, "")
    text = f"{sign}{symbol}{whole:,}.{fraction:02d}"
    return text if symbol else f"{text} {currency}"


def format_cents_short(cents: int, currency: str = "USD") -> str:
    """A whole amount in few characters, for a chart's labels (the table beside it gives
    cents): $850, $4.5k, $125k, $1.2M."""
    symbol = CURRENCY_SYMBOLS.get(currency, "")
    dollars = abs(int(cents)) // 100
    sign = "-" if cents < 0 else ""
    for size, unit in ((1_000_000, "M"), (1_000, "k")):
        if dollars >= size:
            amount = dollars / size
            text = f"{amount:.1f}".removesuffix(".0") if amount < 100 else f"{amount:.0f}"
            return f"{sign}{symbol}{text}{unit}"
    return f"{sign}{symbol}{dollars}"


def parse_dollars(text: str) -> int:
    """'1,250.50' or '$1250.5' → 125050 cents. Raises ValueError on anything else."""
    cleaned = (text or "").strip().replace(",", "").removeprefix("$")
    if not cleaned or cleaned.count(".") > 1:
        raise ValueError("Enter an amount such as 1250.00")
    whole, _, fraction = cleaned.partition(".")
    if not whole.isdigit() or (fraction and (not fraction.isdigit() or len(fraction) > 2)):
        raise ValueError("Enter an amount such as 1250.00")
    return int(whole) * 100 + int((fraction or "0").ljust(2, "0"))
