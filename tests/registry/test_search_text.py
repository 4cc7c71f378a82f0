"""Reading a search query (registry.search_text): folding, identifiers with or without their
label, ZIP codes, handles and addresses, the spellings of a name, a city with a name, a state,
and input with nothing to search for. No database."""

import pytest

from socialrx.registry.search_functions import similarity, strict_word_similarity, word_similarity
from socialrx.registry.search_text import fold, is_generic, parse_query

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("CHILDREN'S HOSPITAL OF PHILADELPHIA", "childrens hospital of philadelphia"),
        ("Mayagüez", "mayaguez"),
        ("ST. MARY’S  Hospital - Athens", "st marys hospital athens"),
        ("CEDARS-SINAI MEDICAL CENTER", "cedars sinai medical center"),
        ("JOHNS HOPKINS HOSPITAL, THE", "johns hopkins hospital the"),
        ("Zoë Chávez-Ortiz", "zoe chavez ortiz"),
        ("Jürgen Müller-Schmidt", "jurgen muller schmidt"),
        ("Straße Ærø Łódź", "strasse aero lodz"),
        ("ANN & ROBERT H LURIE", "ann robert h lurie"),
        ("%%% ###", ""),
    ],
)
def test_fold_drops_case_accents_and_punctuation(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("query", "ccn"),
    [
        ("240010", "240010"),
        ("CCN 240010", "240010"),
        ("ccn: 220071", "220071"),
        ("CCN#050454", "050454"),
        ("provider number 330101", "330101"),
        ("CMS 393303", "393303"),
        ("facility id 01014f", "01014F"),
        ("ccn 999", "999"),  # labelled: looked for as a CCN (and found by nobody)
    ],
)
def test_a_ccn_is_read_with_or_without_its_label(query, ccn):
    parsed = parse_query(query)

    assert (parsed.ccn, parsed.npi, parsed.variants) == (ccn, "", ())


@pytest.mark.parametrize(
    ("query", "npi"),
    [
        ("NPI 1234567893", "1234567893"),
        ("npi: 1234567893", "1234567893"),
        ("1234567893", "1234567893"),
    ],
)
def test_an_npi_is_read_with_or_without_its_label(query, npi):
    assert parse_query(query).npi == npi


def test_ten_digits_with_a_wrong_check_digit_are_not_an_npi():
    parsed = parse_query("1234567890")

    assert (parsed.npi, parsed.variants) == ("", ("1234567890",))


@pytest.mark.parametrize(("query", "zip_code"), [("02114", "02114"), ("55902-1234", "55902")])
def test_five_digits_are_a_zip_code(query, zip_code):
    assert parse_query(query).zip_code == zip_code


def test_a_registry_page_address_is_its_listing():
    assert parse_query("https://socialrx.example/registry/hospitals/360180/").ccn == "360180"
    assert parse_query("/registry/physicians/1234567893/").npi == "1234567893"


def test_an_account_address_is_read_as_that_account():
    parsed = parse_query("https://twitter.com/MayoClinic?lang=en")

    assert (parsed.address.platform, parsed.address.key) == ("x", "mayoclinic")


def test_one_word_may_be_a_handle():
    assert parse_query("@MayoClinic").handle == "mayoclinic"
    assert parse_query("mass general").handle == ""


def test_short_forms_are_written_out_and_saint_mount_fort_shortened():
    assert parse_query("St Marys Med Ctr").variants == (
        "st marys med ctr",
        "saint marys medical center",
        "st marys medical center",
    )
    assert parse_query("mass general").variants == ("mass general", "massachusetts general")
    assert parse_query("mount sinai").variants == ("mount sinai", "mt sinai")


def test_words_cms_shortens_are_also_tried_short():
    assert (
        "overland park reg med ctr" in parse_query("overland park regional medical center").variants
    )


def test_filler_words_are_dropped():
    assert parse_query("The Johns Hopkins Hospital").variants[0] == "johns hopkins hospital"
    assert parse_query("ann & robert h lurie").variants == ("ann robert h lurie",)


def test_a_trailing_state_is_read_and_the_name_also_tried_without_it():
    parsed = parse_query("mayo clinic az")

    assert parsed.state == "AZ"
    assert parsed.variants == ("mayo clinic az", "mayo clinic")


def test_a_state_before_generic_words_is_read():
    parsed = parse_query("lebanon nh hospital")

    assert (parsed.state, parsed.bare) == ("NH", "lebanon hospital")


def test_a_state_name_of_two_words_is_read():
    assert parse_query("st lukes new york").state == "NY"


def test_the_first_or_last_words_may_be_a_city():
    assert parse_query("rochester mayo").city_splits == (
        ("rochester", "mayo"),
        ("mayo", "rochester"),
    )


def test_the_distinctive_words_leave_out_the_generic_ones():
    assert parse_query("harbor view medical center").distinctive == ("harbor view",)
    # Nothing but generic words: the whole of each spelling.
    assert parse_query("regional medical center").distinctive == (
        "regional medical center",
        "reg med ctr",
    )
    assert is_generic("medical center")
    assert not is_generic("mayo clinic")


def test_symbols_only_have_nothing_to_search_for():
    parsed = parse_query("%%% $$ ###")

    assert parsed.unreadable == "symbols"
    assert parsed.variants == ()


def test_a_long_query_is_cut_and_says_so():
    parsed = parse_query("mayo clinic " + "x" * 10_000)

    assert parsed.cut
    assert len(parsed.text) == 200


def test_whitespace_alone_is_no_query():
    assert parse_query("   \t ").text == ""


# --- SQLite's similarity functions ------------------------------------------------------------


def test_word_similarity_tolerates_typos_and_skipped_words():
    assert word_similarity("mayo clinik", "mayo clinic hospital rochester") >= 0.8
    assert word_similarity("swedish cherry hill", "swedish medical center cherry hill") == 1.0
    assert word_similarity("rochester", "winchester medical center") < 0.8


def test_a_query_longer_than_the_name_is_compared_whole():
    assert word_similarity("rochester general", "the general") < 0.8


def test_strict_word_similarity_counts_whole_words_generic_ones_half():
    assert strict_word_similarity("johns hopkins", "johns hopkins hospital the") == 1.0
    # "ohio state university" all found, "hospital" (generic, half weight) not: 19 of 23.
    assert strict_word_similarity(
        "ohio state university hospital", "ohio state university state health system"
    ) == pytest.approx((4 + 5 + 10 + 4 * 0.5) / 23, abs=0.01)


def test_similarity_compares_whole_strings():
    assert similarity("mayo clinic", "mayo clinic") == 1.0
    assert similarity("", "mayo clinic") == 0.0
