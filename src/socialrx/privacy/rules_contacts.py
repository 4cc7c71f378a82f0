"""Whose phone number, email, web address or handle it is: a patient's or a family's (an
identifier), or the organization's own and its staff's (not one). A number beside a patient's
name or called "mine" is personal; "call our main line", "follow us @...", "email your
questions to..." are the organization speaking; a page is a patient's when it is a fundraiser
or journal site, named after the patient, or called theirs."""

from __future__ import annotations

import regex as re

from .kinds import IdentifierKind, Severity
from .rules_context import Context
from .rules_details import FIRST_PERSON, Verdict
from .rules_vocabulary import CARE, EVENT, ORG_CONTACT, PERSONAL

K = IdentifierKind

_ROLE_MAILBOX = re.compile(
    r"^(?:info|contact|press|media|news|communications|comms|marketing|pr|hello|support|help|"
    r"billing|appointments?|scheduling|foundation|volunteer|volunteers|careers|jobs|events?|"
    r"social|webmaster|patientrelations|patient\.relations|feedback|giving|donate|admin|"
    r"office|frontdesk|records|hr|nicureunion|registration|citas|informes)\b",
    re.IGNORECASE,
)
_FREE_MAIL = re.compile(
    r"(?:@|\bat\s+|[\[(]at[\])]\s*)(?:gmail|yahoo|hotmail|outlook|aol|icloud|live|msn"
    r"|proton(?:mail)?|me)\b",
    re.IGNORECASE,
)
_PERSONAL_SITES = re.compile(
    r"(?i:gofundme|caringbridge|mealtrain|givesendgo|fundly|giveforward|spotfund|fundrais|donar|"
    r"donate|blog|wordpress|substack|medium\.com/@|tiktok\.com/@|instagram\.com/|facebook\.com/|"
    r"youtube\.com/@|linktr\.ee|team[a-z]|/teams?/|journey|strong|fights?)"
)
_ORG_HANDLE = re.compile(
    r"(?i:health|hospital|medical|medctr|clinic|children|foundation|news|official|univ|"
    r"regional|memorial|saint|gov|hq\b|cdc\b|fda\b|nih\b)|@St[A-Z]|^@(?i:dr|doc)"
)
_STAFF_HANDLE = re.compile(
    r"(?i:teaching|tips|our (?:lead|chief|CEO|president|nurse|doctor|physician|surgeon)"
    r"|colleague|Dr\.)"
)
_FAMILY_MAILBOX = re.compile(r"(?i:family|familia|mom|dad|mama|papa|mami|papi|grandma|grandpa)")
_TOLL_FREE = re.compile(r"^(?:\+?1[\s.-]?)?\(?8(?:00|88|77|66|55|44|33)\)?[\s.-]")


def phone_verdict(
    context: Context, start: int, end: int, *, personal_nearby: bool, patient_in_post: bool
) -> Verdict | None:
    """`personal_nearby`: a patient's name, page or email beside the number or in its sentence."""
    if _TOLL_FREE.search(context.text[start:end]) and not context.cue(FIRST_PERSON, start, end):
        return None  # 1-800 numbers are organizations' and public services' lines
    personal = context.cue(FIRST_PERSON, start, end) or context.cue(PERSONAL, start, end)
    if personal or personal_nearby:
        return Verdict(
            K.PHONE,
            Severity.HIGH,
            "A personal phone number identifies the person it belongs to. Remove it; reply "
            "privately instead.",
        )
    if (
        not patient_in_post
        or context.cue(ORG_CONTACT, start, end)
        or context.cue(EVENT, start, end)
    ):
        return None  # the organization's own public line
    if _imperative(context, start):
        return None
    return Verdict(
        K.PHONE,
        Severity.MEDIUM,
        "A phone number that does not read as your organization's public line. If it is a "
        "patient's or a family's, remove it.",
    )


def email_verdict(
    context: Context,
    start: int,
    end: int,
    *,
    next_to_name: bool,
    patient_in_post: bool,
    patient_names: frozenset[str] = frozenset(),
) -> Verdict | None:
    """A family's or a patient's mailbox: beside their name, called theirs, on a free mail
    service, or named after them or their family ("the.lee.family@...", "mom.of.ana@...")."""
    address = context.text[start:end]
    mailbox = re.split(r"@|\s+(?i:at)\s+|\s*[\[(](?i:at)[\])]\s*", address, maxsplit=1)[0]
    personal = (
        context.cue(FIRST_PERSON, start, end)
        or context.cue(PERSONAL, start, end)
        or _names_in(mailbox, set(patient_names))
        or _FAMILY_MAILBOX.search(mailbox)
    )
    if _ROLE_MAILBOX.search(address) and not personal:
        return None
    if personal or next_to_name or _FREE_MAIL.search(address):
        return Verdict(
            K.EMAIL,
            Severity.HIGH,
            "A personal email address identifies the person it belongs to. Remove it; reply "
            "privately instead.",
        )
    if (
        not patient_in_post
        or context.cue(ORG_CONTACT, start, end)
        or context.cue(EVENT, start, end)
    ):
        return None
    if re.search(
        r"(?i:\b(?:email|e-mail|write|send|escriba|escr[íi]banos)\b[^.!?]{0,40})$",
        context.before(start),
    ):
        return None  # "Email your questions to ...": an instruction to the public
    return Verdict(
        K.EMAIL,
        Severity.MEDIUM,
        "An email address that does not read as your organization's. If it is a patient's or "
        "a family's, remove it.",
    )


def url_verdict(
    context: Context, start: int, end: int, *, patient_names: set[str]
) -> Verdict | None:
    """A patient's page: a fundraiser or journal site, a page named after the patient, or a
    link someone calls theirs ("my blog at ...")."""
    address = context.text[start:end].lower()
    named = _names_in(address, patient_names)
    personal = context.cue(FIRST_PERSON, start, end) or (
        patient_names and context.cue(PERSONAL, start, end)
    )
    if not (named or _PERSONAL_SITES.search(address) or personal):
        return None
    if not named and context.cue(ORG_CONTACT, start, end) and not _PERSONAL_SITES.search(address):
        return None
    return Verdict(
        K.URL,
        Severity.HIGH,
        "A link to a patient's own page (a fundraiser, a blog, a profile) identifies them. "
        "Remove it or get their written consent.",
    )


def handle_verdict(
    context: Context,
    start: int,
    end: int,
    *,
    patient_names: set[str],
    patient_in_post: bool,
    staff_names: frozenset[str] = frozenset(),
) -> Verdict | None:
    """A patient's or a family's handle: named after the patient, called theirs ("follow her
    journey @..."), or in a sentence about the patient's care. Not the organization's
    ("follow us @..."), nor a physician's ("@DrAnaRuiz") or a colleague's."""
    handle = context.text[start:end]
    named = _names_in(handle, patient_names)
    if not named:
        if context.cue(ORG_CONTACT, start, end) or _ORG_HANDLE.search(handle):
            return None
        if _names_in(handle, set(staff_names)):  # "@RevAnnTravels" after "Rev. Ann Moss"
            return None
        if _STAFF_HANDLE.search(context.before(start, limit=80)):
            return None
    personal = context.cue(PERSONAL, start, end) or context.cue(FIRST_PERSON, start, end)
    if named or personal or (patient_in_post and context.cue(CARE, start, end, neighbours=1)):
        return Verdict(
            K.HANDLE,
            Severity.HIGH,
            "A patient's social media handle identifies them. Tag them only with their written "
            "consent.",
        )
    return None


def _names_in(value: str, patient_names: set[str]) -> bool:
    lowered = value.lower()
    return any(len(name) > 2 and name.lower() in lowered for name in patient_names)


def _imperative(context: Context, start: int) -> bool:
    """ "Call 555-0100", "RSVP to 555-0104", "Fax referrals to 555-0106": an instruction to the
    public is the organization's line."""
    return bool(
        re.search(
            r"(?i:\b(?:call|text|fax|dial|phone|llame|llamar)\b[^.!?]{0,40})$",
            context.before(start),
        )
    )
