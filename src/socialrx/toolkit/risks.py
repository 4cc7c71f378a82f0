"""The field's other risks in a draft, beside its identifiers (privacy.detect): individual
medical advice without the standard disclaimer, a patient's story without a consent note,
claims of cure or guarantees, drug promotion, and a public answer to a patient with their
details. English and basic Spanish.

Each rule is a set of plain regular expressions, written to be read and argued with: a risk
says where (a span of the text, or None for the whole post), which kind, how serious, why in
plain words, and what to do. They flag for a person to judge; they do not decide."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from socialrx.privacy.kinds import Severity


class RiskKind(StrEnum):
    MEDICAL_ADVICE = "medical_advice"
    TESTIMONIAL = "testimonial_without_consent"
    CURE_CLAIM = "cure_claim"
    DRUG_PROMOTION = "drug_promotion"
    PUBLIC_REPLY = "public_reply"


RISK_LABELS = {
    RiskKind.MEDICAL_ADVICE: "Medical advice",
    RiskKind.TESTIMONIAL: "Patient story without consent",
    RiskKind.CURE_CLAIM: "Cure claim or guarantee",
    RiskKind.DRUG_PROMOTION: "Drug promotion",
    RiskKind.PUBLIC_REPLY: "Public answer with a patient's details",
}


@dataclass(frozen=True, slots=True)
class Risk:
    """One risk: `text[start:end]` when it sits in a phrase, or the whole post (None)."""

    kind: RiskKind
    severity: Severity
    reason: str
    advice: str  # what to do about it
    start: int | None = None
    end: int | None = None
    field: str = "text"

    @property
    def label(self) -> str:
        return RISK_LABELS[self.kind]


def _words(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


# --- individual medical advice --------------------------------------------------------------

_MEDICINES = (
    r"dose|dosage|doses|meds|medication|medications|medicine|medicines|insulin|pills|"
    r"prescription|inhaler|statins?|antibiotics?|antidepressants?"
)
_MEDICINES_ES = r"dosis|medicamentos?|medicinas?|medicaci[oó]n|insulina|pastillas?|tratamiento"
ADVICE = _words(
    # "you should stop taking", "just skip taking", "stop taking your"
    r"\b(?:you should|you must|you need to|you can|you could|just|please)\s+"
    r"(?:stop|quit|skip|start|keep)\s+taking\b",
    r"\b(?:stop|quit|skip)\s+taking\s+(?:your|the|this|that|it)\b",
    # "increase your dose", "double the insulin"
    r"\b(?:stop|quit|skip|double|triple|increase|decrease|lower|raise|reduce|cut|halve)\s+"
    rf"(?:your|the)\s+(?:{_MEDICINES})\b",
    r"\btake\s+\d+\s*(?:mg|milligrams?|pills|tablets|capsules|units)\b",
    rf"\byou\s+(?:don['’]t|do not)\s+need\s+(?:your|the|to take)\s+(?:\w+\s+)?(?:{_MEDICINES})\b",
    # Spanish: "deje de tomar", "aumente su dosis", "tome 2 pastillas"
    r"\b(?:deje|deja|dejen|dejar)\s+de\s+tomar\b",
    r"\b(?:aumente|aumenta|duplique|duplica|baje|baja|reduzca|reduce|suspenda|suspende)\s+"
    rf"(?:su|tu|la|el|las|los)\s+(?:{_MEDICINES_ES})\b",
    r"\btome\s+\d+\s*(?:mg|miligramos|pastillas|tabletas|c[aá]psulas|unidades)\b",
)
_CLINICIANS = r"doctor|physician|provider|care team|pharmacist|clinician|nurse|health care team"
DISCLAIMER = _words(
    r"\b(?:not|isn['’]t|is not)\s+(?:a substitute for\s+)?(?:professional\s+)?medical\s+advice\b",
    rf"\b(?:talk|speak|check)\s+(?:to|with)\s+your\s+(?:{_CLINICIANS})\b",
    rf"\b(?:ask|consult|consult with|call)\s+your\s+(?:{_CLINICIANS})\b",
    r"\bno\s+(?:es|constituye|sustituye)\s+(?:un\s+|el\s+)?consejo\s+m[eé]dico\b",
    r"\b(?:consulte|consulta|hable|habla|pregunte|pregunta)\s+(?:a|con)\s+(?:su|tu)\s+"
    r"(?:m[eé]dic[oa]|doctor[a]?|farmac[eé]utic[oa]|equipo de salud)\b",
)


def _medical_advice(text: str) -> Iterator[Risk]:
    if DISCLAIMER.search(text):
        return
    for match in ADVICE.finditer(text):
        yield Risk(
            RiskKind.MEDICAL_ADVICE,
            Severity.HIGH,
            "Tells readers what to do with their own treatment, without the standard "
            "disclaimer. Advice for one person needs their history; a public post cannot "
            "have it.",
            "Make it general education, and add “This is not medical advice: talk to your "
            "doctor before changing any medication.”",
            match.start(),
            match.end(),
        )


# --- a patient's story without a consent note -----------------------------------------------

_CARE_EVENTS = (
    r"surgery|transplant|treatment|diagnosis|stroke|heart attack|chemo|chemotherapy|"
    r"delivery|accident|operation|procedure|cancer"
)
TESTIMONIAL = _words(
    # "our patient Maria", "one of our patients" — not "our patient portal" or "our patients"
    # in general (every hospital post says that).
    r"\b(?:our|former|grateful)\s+patient\b(?!\s+(?:portal|line|education|safety|"
    r"experience|advocates?|and famil|rights|care|services))",
    r"\bone\s+of\s+our\s+patients\b",
    r"\bpatient['’]?s?\s+(?:story|stories|journey)\b",
    r"\b(?:he|she|they)\s+(?:was|were)\s+(?:admitted|diagnosed|treated|discharged|rushed)\b",
    rf"\bafter\s+(?:his|her|their|my)\s+(?:{_CARE_EVENTS})\b",
    r"\b(?:his|her|their)\s+(?:recovery|journey|battle with|fight against)\b",
    r"\bI\s+was\s+(?:diagnosed|admitted|treated)\b",
    r"\bnuestr[oa]\s+paciente\b",
    r"\bhistoria\s+de\s+(?:un|una|nuestr[oa])\s+paciente\b",
    r"\bfue\s+(?:diagnosticad[oa]|operad[oa]|tratad[oa]|ingresad[oa]|dad[oa]\s+de\s+alta)\b",
    r"\bsu\s+(?:recuperaci[oó]n|lucha contra)\b",
    r"\bme\s+diagnosticaron\b",
)
CONSENT = _words(
    r"\bwith\s+(?:[\w’']+\s+){0,3}(?:permission|consent|blessing)\b",
    r"\b(?:permission|consent)\s+to\s+(?:share|post|tell)\b",
    r"\bconsented\b",
    r"\b(?:agreed|asked us|wanted us|chose)\s+to\s+share\b",
    r"\bcon\s+(?:[\w’']+\s+){0,3}(?:permiso|consentimiento|autorizaci[oó]n)\b",
    r"\b(?:acept[oó]|quiso|pidi[oó])\s+compartir\b",
)


def _testimonial(text: str) -> Iterator[Risk]:
    # One risk per post: a story is consented to as a whole.
    match = TESTIMONIAL.search(text)
    if match is None or CONSENT.search(text):
        return
    yield Risk(
        RiskKind.TESTIMONIAL,
        Severity.MEDIUM,
        "Reads as a patient's story, and says nothing of their consent. A patient's story "
        "needs their signed authorization (HIPAA) before it is posted.",
        "Post it only with the patient's signed authorization on file, and say so: "
        "“Shared with Maria's permission.”",
        match.start(),
        match.end(),
    )


# --- claims of cure or guarantees -----------------------------------------------------------

CURE = _words(
    # "cures", "cured", "will cure" — not "a cure" or "find a cure" (research, hope).
    r"\b(?:cures|cured)\b",
    r"\b(?:will|can|that)\s+cure\b",
    r"\b100\s?%\s*(?:guaranteed|effective|success(?:ful)?|safe|results?|cure)\b",
    r"\bguarantee[ds]?\b",
    r"\bmiracl(?:e|es|ulous)\b",
    r"\bno\s+side\s+effects\b",
    r"\brisk[- ]free\b",
    r"\bproven\s+to\s+(?:cure|reverse|eliminate)\b",
    r"\bpermanent(?:ly)?\s+(?:cure|fix|results)\b",
    r"\bcur(?:a|an|ó|aron|ará)\s+(?:el|la|los|las|su|tu|definitivamente)\b",
    r"\bcurad[oa]s?\b",
    r"\bmilagr(?:o|os|osa|osas|oso|osos)\b",
    r"\bgarantiza(?:d[oa]s?|mos)?\b",
    r"\b100\s?%\s*(?:efectiv[oa]s?|garantizad[oa]s?|segur[oa]s?)",
    r"\bsin\s+efectos\s+secundarios\b",
)


def _cure_claims(text: str) -> Iterator[Risk]:
    for match in CURE.finditer(text):
        yield Risk(
            RiskKind.CURE_CLAIM,
            Severity.MEDIUM,
            "Promises a result no treatment can promise. Regulators (the FTC, the FDA, state "
            "medical boards) treat cure claims and guarantees as deceptive.",
            "Say what the evidence shows and for whom, without promises: “helped many of our "
            "patients”, “in a study of 400 adults…”.",
            match.start(),
            match.end(),
        )


# --- drug promotion -------------------------------------------------------------------------

# A short list of brand names often promoted online; the rule is about the promotion around them.
BRAND_DRUGS = (
    "Ozempic",
    "Wegovy",
    "Mounjaro",
    "Zepbound",
    "Rybelsus",
    "Saxenda",
    "Humira",
    "Keytruda",
    "Eliquis",
    "Xarelto",
    "Jardiance",
    "Farxiga",
    "Trulicity",
    "Dupixent",
    "Skyrizi",
    "Botox",
    "Viagra",
    "Cialis",
    "Adderall",
    "Lipitor",
)
BRAND = re.compile(r"\b(?:" + "|".join(BRAND_DRUGS) + r")\b", re.IGNORECASE)
PROMOTION = _words(
    r"\bask\s+(?:us|your doctor|about)\b",
    r"\b(?:try|buy|order)\b",
    r"\b(?:get|book|call)\s+(?:it|yours|now|today|here)\b",
    r"\bnow\s+(?:available|offering|in stock)\b",
    r"\bavailable\s+(?:now|here|today)\b",
    r"\b(?:best|amazing|incredible|life-changing|breakthrough)\b",
    r"\b(?:discounts?|discounted|coupons?|savings?|promo|promotion|deals?|on sale|free)\b",
    r"\b\d+\s?%\s*off\b",
    r"\b(?:special|limited[- ]time)\s+(?:offer|price|pricing)\b",
    r"\blose\s+weight\s+fast\b",
    r"\b(?:ofertas?|descuentos?|promoci[oó]n|gratis|ahorre|pru[eé]belo|disponible\s+ya)\b",
    r"\b(?:el|la)\s+mejor\b",
    r"\b(?:compre|c[oó]mpralo|llame\s+(?:ya|hoy))\b",
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _drug_promotion(text: str) -> Iterator[Risk]:
    # One risk per sentence naming a brand with promotional words around it.
    for sentence in _SENTENCE.finditer(text):
        brand = BRAND.search(sentence.group())
        if brand is None or not PROMOTION.search(sentence.group()):
            continue
        yield Risk(
            RiskKind.DRUG_PROMOTION,
            Severity.MEDIUM,
            "Names a brand-name drug beside promotional words. Promoting a drug brings the "
            "FDA's fair-balance rules (its risks beside its benefits), and any payment from "
            "its maker must be disclosed.",
            "Talk about the treatment and the evidence rather than the brand; link to the "
            "full risk information; disclose any relationship with the drug's maker.",
            sentence.start() + brand.start(),
            sentence.start() + brand.end(),
        )


# --- a public answer to a patient's question with their details -----------------------------

# An @mention (not an email address: nothing word-like or a dot right before the @).
MENTION = re.compile(r"(?<![\w.])@[A-Za-z0-9_]{2,30}\b")
PERSONAL_CARE = _words(
    r"\byour\s+(?:test\s+|lab\s+|blood\s+|biopsy\s+|mri\s+|ct\s+|x-ray\s+|scan\s+|pathology\s+)?"
    r"(?:results?|report)\b",
    r"\byour\s+(?:appointment|visit|procedure|surgery|biopsy|scan|mri|bill|prescription|"
    r"medication|diagnosis|chart|referral|refill|admission|discharge)\b",
    r"\b(?:sus|tus)\s+(?:resultados|an[aá]lisis)\b",
    r"\b(?:su|tu)\s+(?:cita|diagn[oó]stico|receta|cirug[ií]a|factura|biopsia|expediente|"
    r"resultado)\b",
)


def _public_reply(text: str) -> Iterator[Risk]:
    if not MENTION.search(text):
        return
    for match in PERSONAL_CARE.finditer(text):
        yield Risk(
            RiskKind.PUBLIC_REPLY,
            Severity.HIGH,
            "Answers someone publicly about their own care: it confirms they are a patient "
            "and shows their details to everyone who reads the thread.",
            "Reply in public only with an invitation (“We'd like to help: please send us a "
            "private message or call our patient line”), and answer in private.",
            match.start(),
            match.end(),
        )


RULES = (_medical_advice, _testimonial, _cure_claims, _drug_promotion, _public_reply)


def find_risks(text: str) -> list[Risk]:
    """Every risk in `text`, in reading order (whole-post risks last)."""
    found = [risk for rule in RULES for risk in rule(text)]
    return sorted(found, key=lambda risk: (risk.start is None, risk.start or 0, risk.kind))
