"""The keys an import has met, kept on disk: a key's first row is kept, its later ones are
not, within a batch and across batches."""

import pytest

from socialrx.registry.importing.seen import SeenKeys, digest

pytestmark = pytest.mark.unit


def test_a_key_is_new_only_the_first_time_within_and_across_batches():
    seen = SeenKeys()
    try:
        first = seen.first_time([digest(("240010",)), digest(("240020",)), digest(("240010",))])
        second = seen.first_time([digest(("240020",)), digest(("240030",))])
    finally:
        seen.close()

    assert (first, second) == ([True, True, False], [False, True])


def test_batches_larger_than_a_statement_can_hold_are_checked_whole():
    keys = [digest((str(number),)) for number in range(2500)]
    seen = SeenKeys()
    try:
        assert seen.first_time(keys) == [True] * 2500
        assert seen.first_time(keys[::-1]) == [False] * 2500
    finally:
        seen.close()


def test_equal_keys_give_equal_digests_of_sixteen_bytes():
    assert (digest(("x", "mayoclinic", None)), len(digest(("a",)))) == (
        digest(("x", "mayoclinic", None)),
        16,
    )
