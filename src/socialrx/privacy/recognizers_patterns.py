"""Presidio pattern recognizers for the identifier shapes spaCy's NER does not know: record and
account numbers, rooms and beds, ages over 89, street addresses, ZIP codes, emails, web
addresses and handles, numeric and Spanish dates, and names right after a clinical cue.

Patterns run on the `regex` module (Presidio's engine), so a look-behind may have any width:
the cue words sit in look-behinds and each match is exactly the identifying characters ("MRN
00123456" yields "00123456"). Case-sensitive unless a group says `(?i:...)`: capital letters
are what tell a name or a street from ordinary words. A match is a candidate only; the rules
(rules_*.py) decide from the context whether it is a finding."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer

_FLAGS = re.MULTILINE | re.DOTALL  # no IGNORECASE: see above

_MONTHS_EN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTHS_ES = (
    r"(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre)"
)
_WEEKDAYS_ES = r"(?i:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)"
_WEEKDAYS_EN = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tue\.|Tues\.|Wed\."
    r"|Thu\.|Thur\.|Thurs\.|Fri\.|Sat\.|Sun\.)"
)
# "Tuesday, Aug. 4", "Sat., Nov. 7": a weekday before a date belongs to it.
_WEEKDAY_BEFORE = rf"(?:{_WEEKDAYS_EN},?\s+)?"
# An age over 89: 90 to 119 (older is a typo or a centenarian's record, still caught to 119).
_OLD = r"(?:9\d|1[01]\d)"
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_OLD_WORDS = (
    rf"(?i:ninety(?:[- ]{_SMALL})?|(?:one|a) hundred(?:[- ](?:and[- ])?{_SMALL})?"
    r"|noventa(?: y (?:uno?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?|cien(?:to \w+)?)"
)
_OLD_ORDINAL_WORDS = (
    r"(?i:ninetieth|ninety[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|(?:one )?hundredth|(?:one )?hundred (?:and )?(?:first|second|third|fourth|fifth))"
)
# A verb or pronoun just before an age in words: "he is ninety-two", "turned one hundred".
_AGE_WORD_LEADS = (
    r"(?i:turned|turns|turning|aged?|cumpli[óo]|cumple|I'm|I’m|I am|tengo|tiene|ten[íi]a|is|was"
    r"|who's|she's|he's|now|at|almost|nearly|just|a sus|de)"
)
_UPPER = r"[A-ZÁÉÍÓÚÑ]"
# "at" and "dot" spelled out in an email address, bare or in brackets: " at ", "(at)", "[dot]".
_AT = r"(?:\s*[\[(]\s*(?i:at)\s*[\])]\s*|\s+(?i:at)\s+)"
_DOT = r"(?:\s*[\[(]\s*(?i:dot)\s*[\])]\s*|\s+(?i:dot)\s+)"
_NAME_WORD = rf"{_UPPER}[a-záéíóúñü]+(?:[-'’]{_UPPER}?[a-záéíóúñü]+)?"

_STREET_SUFFIX = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?"
    r"|Court|Ct\.?|Way|Place|Pl\.?|Terrace|Circle|Cir\.?|Parkway|Pkwy\.?|Highway|Hwy\.?"
    r"|Trail|Pike|Square|Sq\.?)"
)
_STATES = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE"
    r"|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)"
)

# Words that label a record, account, plan, device or government number, English and Spanish.
_RECORD_CUES = (
    r"(?i:MRN|med(?:ical)?\.? rec(?:ord)?s?\.?(?: number| no\.?)?|chart(?: number| no\.?)?"
    r"|record (?:number|no\.?|\#)|(?:patient|visit|encounter|beneficiary|insurance) (?:ID|number)"
    r"|ID|CSN|FIN|MBI|UDI|IMEI|VIN|(?:license )?plate(?: number)?|passport(?: number| no\.?)?"
    r"|account(?: number| no\.?)?|acc(?:oun)?t\.?|member(?: ID| number| no\.?)?"
    r"|subscriber(?: ID| number)"
    r"|policy(?: number| no\.?| ID)?|health plan(?: ID| number| no\.?)?|insurance(?: ID| number)"
    r"|group(?: number| no\.?)|claim(?: number| no\.?)?|serial(?: number| no\.?)?|SN|S/N"
    r"|(?:device|implant|pump|pacemaker)(?: ID| serial(?: number| no\.?)?| number)|SSN|SS"
    r"|social security(?: number| no\.?)?|certificate(?: number| no\.?)|file (?:number|no\.?)"
    r"|Medicare(?: number| ID| no\.?)?|Medicaid(?: number| ID| no\.?)?"
    r"|(?:driver'?s )?licen[cs]e(?: number| no\.?)|case(?: number| no\.?)"
    r"|n[úu]m(?:ero|\.)? de (?:expediente|cuenta|afiliad[oa]|p[óo]liza|seguro social|serie"
    r"|paciente|registro|historia(?: cl[íi]nica)?)|expediente|historia cl[íi]nica|NSS|p[óo]liza)"
)


def pattern_recognizers() -> list[PatternRecognizer]:
    return [_recognizer(entity, patterns) for entity, patterns in _PATTERNS.items()]


def _recognizer(entity: str, patterns: list[tuple[str, str, float]]) -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity=entity,
        name=f"socialrx_{entity.lower()}",
        patterns=[Pattern(name, regex, score) for name, regex, score in patterns],
        global_regex_flags=_FLAGS,
    )


_PATTERNS: dict[str, list[tuple[str, str, float]]] = {
    "EMAIL": [
        (
            "email",
            r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b",
            0.9,
        ),
        (
            # Spelled out against scrapers: "jane dot doe at gmail dot com", "ana(at)ex(dot)org"
            "email_spelled",
            rf"(?<![\w.])[A-Za-z0-9][A-Za-z0-9._-]*(?:{_DOT}[A-Za-z0-9_-]+)*{_AT}[A-Za-z0-9-]+"
            rf"(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}(?i:com|org|net|edu|gov|us|co|io|me|info|mx|es)\b",
            0.6,
        ),
    ],
    "URL": [
        # Scheme or www., then anything up to a space; trailing punctuation is not the URL's.
        ("url_scheme", r"(?i:https?://|www\.)[^\s<>\"'()]+(?<![.,;:!?])", 0.9),
        # A bare domain on a common top-level domain, with or without a path.
        (
            "url_bare",
            r"(?<![\w@.-/])(?i:[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
            r"\.(?:com|org|net|edu|gov|health|care|io|me|us|info|co|ly|page|site|blog))"
            r"(?:/[^\s<>\"'()]*)?(?<![.,;:!?])(?![\w@])",
            0.6,
        ),
    ],
    "HANDLE": [
        ("handle", r"(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])", 0.6),
    ],
    "RECORD_NUMBER": [
        # The number after its label: "MRN 00123456", "member ID: XJH-442-901", "SSN 123-45-6789".
        (
            "record_after_cue",
            rf"(?<=\b{_RECORD_CUES}\s*(?:#|(?i:no\.?|number|num\.?|n[º°]))?\s*[:#]?\s*(?:(?i:is|was|es)\s+)?)"
            # Digits may come in groups split by spaces or dots ("123 45 6789").
            r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}[A-Z0-9](?:[ .]\d{2,}(?![\w.]\w))*\b",
            0.85,
        ),
        ("ssn", r"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b", 0.7),
    ],
    "RECORD_LIKE": [
        # A code mixing capitals and five or more digits ("WHX449201837"): shaped like a member
        # or record number even without its label.
        ("id_like", r"\b(?=[A-Z0-9-]*\d{5})(?=[A-Z0-9-]*[A-Z]{2})[A-Z][A-Z0-9-]{6,}[0-9]\b", 0.5),
    ],
    "ROOM": [
        (
            "room",
            r"\b(?i:room|rm\.?|bed|bay|crib|isolette|habitaci[óo]n|cuarto|cama|sala)"
            r"\s*(?:#|(?i:no\.?|number))?\s*[A-Z]?\d{1,4}[A-Z]?(?:-?[A-Z]\b)?\b",
            0.6,
        ),
    ],
    "AGE_OVER_89": [
        (
            "age_year_old",
            rf"\b{_OLD}[- ]?(?i:years?|yrs?\.?)[- ](?i:old|young|of age)\b",
            0.85,
        ),
        ("age_yo", rf"\b{_OLD}(?:[- ]?(?i:y/?o))\b", 0.8),
        ("age_aged", rf"(?<=\b(?i:aged?|ages|edad(?: de)?)\s+){_OLD}\b", 0.8),
        ("age_turned", rf"(?<=\b(?i:turn(?:s|ed|ing)?|cumpli[óo]|cumple)\s+){_OLD}\b", 0.75),
        ("age_birthday", rf"\b{_OLD}(?:st|nd|rd|th)(?= (?i:birthday))", 0.75),
        (
            "age_words",
            rf"\b{_OLD_WORDS}[- ](?i:years?[- ](?:old|young|of age)|year-old|yrs?\.? old|años)",
            0.7,
        ),
        ("age_words_after", rf"(?<=\b{_AGE_WORD_LEADS}\s+){_OLD_WORDS}\b(?![- ]percent|%)", 0.7),
        ("age_word_birthday", rf"\b{_OLD_ORDINAL_WORDS}(?= (?i:birthday|cumpleaños))", 0.75),
        (
            "age_words_apposition",
            rf"(?<=[A-Za-zÁÉÍÓÚÑáéíóúñ.]\s*[,(]\s*){_OLD_WORDS}(?=\s*[,)])",
            0.6,
        ),
        # "At 93, she ...": an age opening a sentence.
        ("age_at_opening", rf"(?<=(?:^|[.!?]\s+|\n)(?:At|A los)\s+){_OLD}(?=\s*,)", 0.6),
        ("age_century", r"\b(?i:nonagenarian|centenarian|supercentenarian|centenari[oa])\b", 0.6),
        ("age_anos", rf"\b{_OLD}(?= (?i:años|a[ñn]os de edad))", 0.8),
        # "Arthur Pennington, 92, was admitted", "My mom Irene (96)"
        ("age_apposition", rf"(?<=[A-Za-zÁÉÍÓÚÑáéíóúñ.]\s*[,(]\s*){_OLD}(?=\s*[,)])", 0.6),
        ("age_at", rf"(?<=\b(?i:at|a los)\s+){_OLD}(?=\s*(?:[.!;]|$))", 0.6),
        (
            "age_i_am",
            r"(?<=\b(?i:I'm|I’m|I am|she's|she’s|he's|he’s|she is|he is|who is|she was|he was"
            rf"|tengo|tiene|ten[íi]a)\s+){_OLD}\b"
            r"(?!\s*(?:%|(?i:percent|minutes|min|days|weeks|hours|pounds|lbs|feet|miles|degrees)))",
            0.7,
        ),
    ],
    "ADDRESS": [
        (
            "street_address",
            rf"\b\d{{1,6}}(?:-\d{{1,4}})?\s+(?:[NSEW]\.?\s+)?(?:(?:\d{{1,3}}(?:st|nd|rd|th)|{_UPPER}"
            rf"[A-Za-z'.-]*)\s+){{1,3}}{_STREET_SUFFIX}(?![\w])"
            r"(?:,?\s+(?:Apt\.?|Apartment|Unit|Suite|#)\s*[A-Z0-9-]+)?",
            0.75,
        ),
        (
            "numero_calle",
            r"\b\d{1,6}\s+(?i:calle|avenida|av\.|camino|paseo|boulevard|bulevar)\s+"
            r"(?:(?i:de(?:l| la| los)?)\s+)?"
            rf"{_UPPER}[\wáéíóúñ]+(?:\s+{_UPPER}[\wáéíóúñ]+)*",
            0.75,
        ),
        ("po_box", r"\b(?i:P\.?\s?O\.?\s+Box|apartado postal)\s+\d{1,6}\b", 0.75),
        (
            "calle",
            rf"\b(?i:calle|avenida|av\.|avda\.|camino|paseo)\s+(?:(?i:de(?:l| la| los)?)\s+)?"
            rf"{_UPPER}[\wáéíóúñ]+(?:\s+{_UPPER}[\wáéíóúñ]+)*\s*(?:#|(?i:n[úu]m\.?|no\.?))?\s*\d{{1,5}}\b",
            0.75,
        ),
    ],
    "STREET_NAME": [
        # A street named without a house number ("she lives on Sycamore Court"): kept only when
        # the rules see a home around it.
        (
            "street_name",
            rf"(?<=\b(?i:on|at|off|en)\s+)(?:{_UPPER}[a-z'.-]+\s+){{1,3}}(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|"
            r"Way|Place|Terrace|Circle|Trail)\b",
            0.4,
        ),
    ],
    "ZIP": [
        ("zip_after_state", rf"(?<=\b{_STATES},?\s+)\d{{5}}(?:-\d{{4}})?\b", 0.75),
        (
            "zip_after_cue",
            r"(?<=\b(?i:zip(?: code)?|zipcode|c[óo]digo postal|C\.?P\.?)\s*:?\s*)"
            r"\d{5}(?:-\d{4})?\b",
            0.8,
        ),
    ],
    "ZIP_BARE": [
        (
            "zip_bare",
            r"(?<![\d$,.#-])\d{5}(?:-\d{4})?(?![\d%-]|\s*(?i:patients|visits|people|steps|meals))\b",
            0.3,
        )
    ],
    "DATE_PATTERN": [
        (
            "relative_day",
            r"\b(?i:(?:early |earlier )?this (?:morning|afternoon|evening)|last night|tonight"
            r"|(?:the day before )?yesterday|overnight|today|esta (?:mañana|tarde|noche))\b",
            0.5,
        ),
        (
            "date_ordinal",
            rf"\b(?:{_WEEKDAYS_EN},?\s+)?the\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?i:floor|century|anniversary|birthday|annual|time|year))",  # noqa: E501
            0.5,
        ),
        (
            "date_numeric",
            r"(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])(?:/(?:\d{4}|\d{2}))?(?![\d/])",
            0.6,
        ),
        (
            "holiday",
            r"\b(?i:New Year['’]s(?: Day| Eve)?|Christmas(?: Eve| Day| morning| night)?"
            r"|Thanksgiving(?: Day)?|Halloween(?: night)?|Easter(?: Sunday)?|Valentine['’]s Day"
            r"|Mother['’]s Day|Father['’]s Day"
            r"|Independence Day|(?:the )?Fourth of July|Labor Day|Memorial Day|Nochebuena|Navidad"
            r"|A[ñn]o Nuevo|D[íi]a de (?:Acci[óo]n de Gracias|las Madres|los Muertos))\b",
            0.6,
        ),
        (
            # "last Tuesday", "this past Monday", "Friday night", "on Sunday"
            "weekday",
            rf"\b(?:(?i:last|this past|past|this|early|late)\s+)?{_WEEKDAYS_EN}"
            r"(?:\s+(?i:morning|afternoon|evening|night))?(?!\w)",
            0.45,
        ),
        (
            "date_dashed",
            r"(?<![\d/.-])(?:0?[1-9]|1[0-2])[-.](?:0?[1-9]|[12]\d|3[01])[-.](?:19|20)?\d{2}"
            r"(?![\d/-]|\.\d)",
            0.55,
        ),
        ("date_iso", r"\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.7),
        (
            "date_month_day",
            rf"\b{_WEEKDAY_BEFORE}{_MONTHS_EN}\.?\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d{{2}}\b)?",
            0.6,
        ),
        (
            "date_day_month",
            rf"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS_EN}\b(?:,?\s+(?:19|20)\d{{2}}\b)?",
            0.6,
        ),
        (
            "fecha",
            rf"\b(?:{_WEEKDAYS_ES},?\s+)?(?:(?:[12]\d|3[01]|0?[1-9])|(?i:primero))\s+(?i:de)\s+{_MONTHS_ES}"
            r"(?:\s+(?i:de(?:l)?)\s+(?:19|20)\d{2})?\b",
            0.7,
        ),
        (
            "fecha_relativa",
            rf"\b(?i:anteayer|antier|ayer|anoche)\b|(?<=\b(?i:el|este|del)\s+){_WEEKDAYS_ES}(?:\s+(?i:pasado))?\b"
            r"|\b(?i:la semana pasada|el mes pasado|hace (?:dos|tres|\d+) (?:d[íi]as|semanas))\b",
            0.5,
        ),
    ],
    "PERSON_CUE": [
        # A capitalized name right after a word naming a patient or their family, for the names
        # spaCy's English model misses (Spanish ones above all): "paciente María González".
        (
            "name_after_cue",
            r"(?<=\b(?i:patient|paciente|pacientita|se[ñn]ora|se[ñn]or|se[ñn]orita|Sra\.|Sr\.|Srta\."
            r"|mi (?:hij[oa]|mam[áa]|pap[áa]|esposa?o?|abuel[oa]|beb[ée])|nuestr[oa] paciente"
            r"|beb[ée]|ni[ñn][oa]|baby|little|mom of|mother of|dad of|father of"
            r"|mam[áa] de|pap[áa] de"
            r"|son|daughter|husband|wife|grandson|granddaughter|Mr\.|Mrs\.|Ms\.|Miss|don|doña"
            # "my mom, Irene", "our twins", "su hermano", "in loving memory of", "welcome home"
            r"|(?:my|our|his|her|their|mi|su|nuestr[oa]) (?:mom|mother|dad|father|brother|sister"
            r"|grandma|grandmother|grandpa|grandfather|aunt|uncle|niece|nephew|fianc[ée]e?|partner"
            r"|twins|triplets|herman[oa]|t[íi][oa]|sobrin[oa]|niet[oa]|espos[oa]|abuelit[oa])"
            r"|welcome home|in (?:loving )?memory of|en memoria de|get well soon)\s*,?\s+)"
            r"(?!(?i:Dr|Dra|Nurse|Doctor|Pastor|Rev|Santa)\b)"
            rf"{_NAME_WORD}(?:\s+(?i:de(?:l| la)?\s+)?{_NAME_WORD}){{0,2}}",
            0.5,
        ),
    ],
}
