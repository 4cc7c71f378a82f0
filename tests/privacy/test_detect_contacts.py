"""Phone numbers, emails, web addresses and handles: a patient's or a family's are identifiers;
the organization's own (its main line, its website, "follow us @...") and its staff's are not."""

import pytest

from socialrx.privacy.detect import find_identifiers
from socialrx.privacy.kinds import IdentifierKind, Severity

pytestmark = pytest.mark.unit

K = IdentifierKind


def found(text: str, kind: IdentifierKind) -> list[str]:
    return [text[f.start : f.end] for f in find_identifiers(text) if f.kind == kind]


def test_a_familys_phone_number_is_found_exactly():
    text = (
        "Mi mamá estuvo internada en la habitación 412. Si tienen preguntas, llámenme al 555-0173."
    )
    phones = [f for f in find_identifiers(text) if f.kind == K.PHONE]
    assert [(f.start, f.end) for f in phones] == [(80, 88)]
    assert phones[0].severity == Severity.HIGH


@pytest.mark.parametrize(
    ("text", "number"),
    [
        (
            "Please call me about my bill: (608) 555-0148. I was in the ER on 1/22.",
            "(608) 555-0148",
        ),
        ("Text the Alvarado family at (915) 555-0197 while Rosalind recovers.", "(915) 555-0197"),
        ("I had my gallbladder out and was sent home too soon. Patricia K., 555-0119", "555-0119"),
    ],
)
def test_personal_numbers_are_found(text, number):
    assert found(text, K.PHONE) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Questions about a bill? Call our main line at (608) 555-0102, Monday to Friday.",
        "Adults 18 to 65 may join our cholesterol study. Call 555-0125 to enroll.",
        "Fax referrals to our Sleep Center at 555-0106.",
        "Free lunch-and-learn on diabetes with Dr. Angela Moss. RSVP to 555-0104.",
        "If your child swallows something, call Poison Control at 1-800-222-1222.",
        "In crisis? Call or text 988 to reach the Suicide and Crisis Lifeline.",
    ],
)
def test_the_organizations_and_public_lines_are_not_found(text):
    assert found(text, K.PHONE) == []


def test_a_familys_email_is_found_exactly():
    text = (
        "Omar's surgery went well. To send him a card, his mom's email is farah.haddad@example.com."
    )
    emails = [f for f in find_identifiers(text) if f.kind == K.EMAIL]
    assert [(f.start, f.end) for f in emails] == [(65, 89)]


@pytest.mark.parametrize(
    "text",
    [
        "Questions about a bill? Email billing@lakeside.example.org or call us.",
        "Former NICU families, RSVP to nicureunion@stbrigid.example.org.",
        "Email your questions to askthepharmacist@riverbend.example.org.",
    ],
)
def test_the_organizations_emails_are_not_found(text):
    assert found(text, K.EMAIL) == []


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "Jaylen finished chemo! His family set up a page for travel costs: "
            "gofundme.example.com/jaylen-strong",
            "gofundme.example.com/jaylen-strong",
        ),
        (
            "You can read my whole story on my blog at www.beatingbreastcancer.example.com.",
            "www.beatingbreastcancer.example.com",
        ),
        (
            "Andrea Solís needs a bone marrow donor after her leukemia came back. More at "
            "https://www.example.com/andrea-solis",
            "https://www.example.com/andrea-solis",
        ),
    ],
)
def test_a_patients_page_is_found(text, url):
    assert found(text, K.URL) == [url]


@pytest.mark.parametrize(
    "text",
    [
        "Follow us @LakesideRegional and visit www.lakesideregional.example.org for health tips.",
        "Registration is open for our 5K on Sept. 20! Sign up at riverbendhealth.example.org/5k.",
        "Check out Dr. Kim's interview about heart surgery at https://news.example.com/dr-kim",
    ],
)
def test_the_organizations_and_staffs_pages_are_not_found(text):
    assert found(text, K.URL) == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        (
            "Derek received his new kidney in June. Follow his recovery at @DerekGetsAKidney.",
            "@DerekGetsAKidney",
        ),
        (
            "Baby Amara went home after 3 months in the NICU! Follow her journey @amara.miracle",
            "@amara.miracle",
        ),
        (
            "Bienvenido a casa, Santiago! Después de su trasplante, sigan su historia en "
            "@santi_fuerte.",
            "@santi_fuerte",
        ),
    ],
)
def test_a_patients_handle_is_found(text, handle):
    assert found(text, K.HANDLE) == [handle]


@pytest.mark.parametrize(
    "text",
    [
        "Follow us @LakesideRegional on Instagram for health tips.",
        "Congratulations to Marcus Bell, our lead sonographer! Follow his tips at @SonoMarcus.",
        "Follow our CEO @DrJaneSmith for updates on the new patient tower.",
    ],
)
def test_the_organizations_and_staffs_handles_are_not_found(text):
    assert found(text, K.HANDLE) == []
