"""Full-face photos, read from the image's description (the alt text or the note a communicator
writes about the picture): "close-up of the patient's face", "her face turned toward the
camera", "photo of Maria smiling in her hospital bed", "con la cara completamente visible".

A recognizable face is a Safe Harbor identifier. A description that says the face is hidden
("no faces shown", "from behind", "face blurred") is not a finding, nor is a photo of staff or
volunteers only (their faces are theirs to share, under the organization's own release)."""

from __future__ import annotations

import regex as re

from .kinds import Finding, IdentifierKind, Severity

_PHOTO = (
    r"(?:photo|photograph|picture|pic|image|video|portrait|close-?up|shot|selfie|foto"
    r"|fotograf[íi]a|imagen|retrato)"
)
_SUBJECT = (
    r"(?:(?:the |a |an |our |this |little |young |older |elderly )*(?:patient|baby|infant|newborn|"
    r"toddler|child|kid|boy|girl|teen|teenager|man|woman|mom|mother|dad|father|family|"
    r"grandmother|grandfather|veteran|survivor|paciente|beb[ée]|ni[ñn][oa]|señora|señor|"
    r"mam[áa]|pap[áa])|(?-i:[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+))"
)
# Phrases that say a face is visible, most explicit first: when the description has one, the
# general ones ("portrait of a mother") add nothing.
_FACE_SAID_VISIBLE = re.compile(
    "|".join(
        [
            # "his face clearly visible", "the baby's face in full view", "her face turned toward
            # the camera"
            r"(?:(?:his|her|their|the|a|an|[\w]+['’]s)\s+(?:[\w]+['’]s\s+)?)?(?:full\s+|whole\s+)?faces?\b"
            r"[^,.;:()]{0,30}?\b(?:clearly\s+|fully\s+|completely\s+|plainly\s+)?"
            r"(?:visible|in (?:full )?view|shown|recogni[sz]able|uncovered|unobscured|in focus|"
            r"(?:turned |looking |facing )?(?:to(?:ward)?s?|at|into) the camera)",
            # "close-up of the patient's face", "full-face photo", "headshot of our patient"
            rf"close-?up\s+(?:{_PHOTO}\s+)?of\s+(?:the\s+|a\s+|an\s+)?[\w\s'’]{{0,30}}?\bface\b",
            rf"full[- ]face\s+{_PHOTO}",
            # Spanish: "con la cara completamente visible", "con el rostro de ambas visible"
            r"(?:con\s+)?(?:(?:la|su|el|sus|las|los)\s+)?(?:cara|rostro)s?\b[^,.;:()]{0,25}?"
            r"(?:visibles?|descubiert[oa]s?|reconocibles?|de frente|mirando a la c[áa]mara)",
            r"se (?:le |les )?ven? (?:la |su |sus |las )?(?:cara|rostro)s?",
            r"primer plano (?:de la cara|del rostro|de su (?:cara|rostro))",
        ]
    ),
    re.IGNORECASE,
)
_FACE_VISIBLE = re.compile(
    "|".join(
        [
            rf"(?:headshot|portrait|selfie)\s+(?:of|with)\s+{_SUBJECT}",
            rf"{_SUBJECT}['’]s\s+selfie|selfie\s+(?:taken\s+)?(?:by|from)\s+{_SUBJECT}",
            # a smile shows the face: "her big smile", "a smiling patient"
            r"(?:his|her|their|[\w]+['’]s)\s+(?:big\s+|wide\s+|bright\s+|toothless\s+)?smile\b",
            rf"(?:a|the)\s+(?:smiling|grinning|beaming|laughing)\s+{_SUBJECT}",
            # "photo of Maria smiling in her hospital bed", "picture of the baby looking at the
            # camera"
            rf"{_PHOTO}\s+of\s+{_SUBJECT}(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)?\s+(?:smiling|laughing|grinning|"
            r"beaming|posing|sonriendo|riendo|posando|looking (?:at|into) the camera)",
            r"(?:looking|smiling|staring)\s+(?:directly\s+|straight\s+)?(?:at|into)\s+the\s+camera",
            r"facing the camera",
            r"mirando (?:directamente )?a la c[áa]mara",
        ]
    ),
    re.IGNORECASE,
)
_HIDDEN = re.compile(
    r"\b(?:no|without|not|sin|never)\s+(?:\w+\s+)?(?:faces?|caras?|rostros?)\b|"
    r"\b(?:faces?|caras?|rostros?)\s+(?:is\s+|are\s+)?(?:not\s+(?:shown|visible)|blurred|blurry|"
    r"pixelated|obscured|hidden|covered|cropped|out of frame|turned away|away from|borros[oa]s?|"
    r"cubiert[oa]s?|oculto?a?s?)|\bfrom behind\b|\bsilhouette\b|\bback of (?:his|her|their|the)\b|"
    r"\bde espaldas\b|\bsin mostrar\b|\b(?:hands|feet|hand|foot)\s+only\b|"
    r"\bonly\s+(?:his|her|their|the|a|an)\s+(?:\w+['’]s\s+)?(?:tiny\s+|small\s+)?(?:hands?|feet|foot)\b|"
    r"\bback to the camera\b|\bcropped (?:at|below) the (?:neck|shoulders|chin)\b|"
    r"\bsolo (?:las|sus) manos\b|\bsin personas\b|\bno people\b",
    re.IGNORECASE,
)
# Photos of the organization's own people: their faces are not a patient's identifier.
_STAFF_ONLY = re.compile(
    r"\b(?:Dr\.|doctors?|nurses?|volunteers?|staff|team|employees?|colleagues?|CEO|"
    r"physicians?|surgeons?|enfermer[oa]s?|m[ée]dic[oa]s?|voluntari[oa]s?|equipo|personal)\b",
    re.IGNORECASE,
)
_PATIENT_WORDS = re.compile(
    r"\b(?:patient|baby|infant|newborn|toddler|child|kid|boy|girl|teen|man|woman|mom|mother|dad|"
    r"father|family|bed|wheelchair|gown|IV|paciente|beb[ée]|ni[ñn][oa]|cama|señora|señor)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[^.;!?]+")

MAX_FACE_SPAN = 120


def face_photo_findings(description: str) -> list[Finding]:
    findings: list[Finding] = []
    explicit = any(
        _FACE_SAID_VISIBLE.search(clause.group(0)) and not _HIDDEN.search(clause.group(0))
        for clause in _CLAUSE.finditer(description)
    )
    for clause in _CLAUSE.finditer(description):
        text = clause.group(0)
        if _HIDDEN.search(text):
            continue
        matches = list(_FACE_SAID_VISIBLE.finditer(text))
        if not explicit and not matches:
            matches = list(_FACE_VISIBLE.finditer(text))
        for match in matches:
            start, end = clause.start() + match.start(), clause.start() + match.end()
            if end - start > MAX_FACE_SPAN or any(
                f.start < end and start < f.end for f in findings
            ):
                continue
            if _STAFF_ONLY.search(text) and not _PATIENT_WORDS.search(text):
                continue  # a photo of staff or volunteers
            findings.append(
                Finding(
                    start=start,
                    end=end,
                    kind=IdentifierKind.FACE_PHOTO,
                    severity=Severity.HIGH,
                    reason=(
                        "The image description says a face can be seen "
                        f'("{description[start:end]}"). '
                        "A recognizable face identifies a patient: post it only with their signed "
                        "photo consent, or choose a picture without faces."
                    ),
                    field="image",
                )
            )
    return findings
