"""The field's other risks (toolkit.risks), on drafts written for each rule, with the flagged
words written out by hand; and the drafts each rule must leave alone."""

from __future__ import annotations

import pytest

from socialrx.toolkit.risks import Risk, RiskKind, find_risks

ADVICE = RiskKind.MEDICAL_ADVICE
STORY = RiskKind.TESTIMONIAL
CURE = RiskKind.CURE_CLAIM
DRUG = RiskKind.DRUG_PROMOTION
REPLY = RiskKind.PUBLIC_REPLY


def flagged(text: str) -> list[tuple[str, str | None]]:
    """(kind, flagged words) of every risk, in reading order."""
    return [
        (risk.kind.value, text[risk.start : risk.end] if risk.start is not None else None)
        for risk in find_risks(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sugar high again? You should stop taking metformin and increase your dose of insulin.",
            [(ADVICE, "You should stop taking"), (ADVICE, "increase your dose")],
        ),
        ("Stop taking your statin if your legs ache.", [(ADVICE, "Stop taking your")]),
        ("For a migraine, take 800 mg of ibuprofen.", [(ADVICE, "take 800 mg")]),
        ("You don't need your inhaler every day.", [(ADVICE, "You don't need your inhaler")]),
        (
            "Si le duele, deje de tomar la pastilla y aumente su dosis de insulina.",
            [(ADVICE, "deje de tomar"), (ADVICE, "aumente su dosis")],
        ),
    ],
)
def test_individual_advice_without_a_disclaimer_is_flagged(text, expected):
    assert flagged(text) == [(kind.value, words) for kind, words in expected]


@pytest.mark.parametrize(
    "text",
    [
        "You should stop taking metformin. This is not medical advice.",
        "Thinking of stopping? Talk to your doctor before you stop taking your statin.",
        "Never double the dose without asking: consult your pharmacist.",
        "No deje de tomar su medicamento sin hablar... Consulte a su médico.",
        "Our pharmacists explain how statins work at Tuesday's class.",
    ],
)
def test_advice_with_the_disclaimer_or_general_education_is_not(text):
    assert [kind for kind, _ in flagged(text) if kind == ADVICE] == []


def test_a_patient_story_without_consent_is_flagged_once_at_its_first_sign():
    text = "Our patient Ana was admitted in May. After her surgery, her recovery amazed us."
    assert flagged(text) == [(STORY.value, "Our patient")]


@pytest.mark.parametrize(
    "text",
    [
        "Our patient Ana beat cancer. Shared with Ana's permission.",
        "After her surgery Ana asked us to share her story.",
        "Ana was diagnosed last year; she consented to this post.",
        "Nuestra paciente Ana fue operada en mayo. Compartido con su permiso.",
    ],
)
def test_a_story_with_a_consent_note_is_not(text):
    assert [kind for kind, _ in flagged(text) if kind == STORY] == []


@pytest.mark.parametrize(
    "text",
    [
        "Log in to our patient portal to see your visit summary.",
        "Our patients and families deserve clear prices.",
        "Patient safety week starts Monday.",
    ],
)
def test_general_mentions_of_patients_are_not_stories(text):
    assert flagged(text) == []


def test_a_spanish_story_is_flagged():
    assert flagged("Nuestro paciente Luis fue dado de alta hoy.") == [
        (STORY.value, "Nuestro paciente"),
    ]


def test_cure_claims_and_guarantees_are_each_flagged():
    text = "This tea cures diabetes, 100% guaranteed! A miracle with no side effects."
    assert flagged(text) == [
        (CURE.value, "cures"),
        (CURE.value, "100% guaranteed"),
        (CURE.value, "miracle"),
        (CURE.value, "no side effects"),
    ]


def test_spanish_cure_claims():
    text = "Este té cura la diabetes, ¡garantizado! Un milagro."
    assert flagged(text) == [
        (CURE.value, "cura la"),
        (CURE.value, "garantizado"),
        (CURE.value, "milagro"),
    ]


def test_hoping_for_a_cure_is_not_a_claim():
    assert flagged("Walk with us Saturday to help find a cure for ALS.") == []


def test_a_brand_drug_beside_promotional_words_is_flagged_on_the_brand():
    text = "Ozempic now available at our weight clinic! Ask us about it."
    assert flagged(text) == [(DRUG.value, "Ozempic")]


def test_one_risk_per_promotional_sentence():
    text = "Wegovy: now available. Our pharmacists answer questions. Get Mounjaro today, 20% off!"
    assert flagged(text) == [(DRUG.value, "Wegovy"), (DRUG.value, "Mounjaro")]


def test_a_brand_named_without_promotion_is_not_flagged():
    assert flagged("Ozempic and Wegovy can cause nausea; read the risk information.") == []


def test_spanish_drug_promotion():
    assert flagged("¡Ozempic con descuento este mes!") == [(DRUG.value, "Ozempic")]


def test_a_public_answer_with_a_patients_details_is_flagged():
    text = "@jane_doe So sorry! Your test results are ready and your appointment on 3/14 moved."
    assert flagged(text) == [(REPLY.value, "Your test results"), (REPLY.value, "your appointment")]


def test_a_spanish_public_answer():
    assert flagged("@maria_g tus resultados ya están listos, y su cita es el lunes.") == [
        (REPLY.value, "tus resultados"),
        (REPLY.value, "su cita"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # No @mention: a general reminder, not an answer to someone.
        "Remember to bring your insurance card to your appointment.",
        # An email address is not a mention.
        "Write to help@riverside.example about your bill.",
        # A mention that invites to a private channel, with no details.
        "@jane_doe We're sorry to hear this. Please send us a private message.",
    ],
)
def test_reminders_and_private_invitations_are_not_public_answers(text):
    assert flagged(text) == []


def test_every_risk_says_why_and_what_to_do_and_sits_in_the_text():
    text = (
        "@sam your results are normal, stop taking your pills. "
        "Our patient Sam was cured by a miracle. Try Humira now!"
    )
    risks = find_risks(text)
    assert {risk.kind for risk in risks} == set(RiskKind)
    for risk in risks:
        assert isinstance(risk, Risk)
        assert risk.reason and risk.advice and risk.label
        assert 0 <= risk.start < risk.end <= len(text)
    assert [risk.start for risk in risks] == sorted(risk.start for risk in risks)


def test_a_clean_post_has_no_risk():
    assert find_risks("Join us Saturday for the community health fair, 9 to noon.") == []
