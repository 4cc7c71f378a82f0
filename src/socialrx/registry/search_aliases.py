"""Well-known short names of real hospitals, each mapped to the CMS certification number of
the hospital it names in CMS Hospital General Information (the file under data/cms/; the name
beside each is CMS's, and a test checks both against the file).

`seed_known_aliases(staff)` gives them to the hospitals present (the demo calls it after the
CMS import; the search evaluation does too). Staff edit them afterwards on the aliases page."""

from __future__ import annotations

from .models import Entity, EntityAlias, EntityKind
from .search_text import fold
from .services.aliases import add_alias

# (CCN, the hospital's name in the CMS file, the short names it is known by)
KNOWN_ALIASES: list[tuple[str, str, tuple[str, ...]]] = [
    ("220071", "MASSACHUSETTS GENERAL HOSPITAL", ("MGH",)),
    ("393303", "CHILDREN'S HOSPITAL OF PHILADELPHIA", ("CHOP",)),
    ("050454", "UCSF MEDICAL CENTER", ("UCSF Health",)),
    ("330214", "NYU LANGONE HOSPITALS", ("NYU Langone Health", "Tisch Hospital")),
    ("220086", "BETH ISRAEL DEACONESS MEDICAL CENTER", ("BIDMC",)),
    ("220110", "BRIGHAM AND WOMEN'S HOSPITAL", ("BWH", "The Brigham")),
    ("330270", "HOSPITAL FOR SPECIAL SURGERY", ("HSS",)),
    ("440039", "VANDERBILT UNIVERSITY MEDICAL CENTER", ("VUMC",)),
    ("330101", "NEW YORK-PRESBYTERIAN HOSPITAL", ("NYP", "NewYork-Presbyterian")),
    ("210009", "JOHNS HOPKINS HOSPITAL, THE", ("JHH",)),
    ("360180", "CLEVELAND CLINIC", ("CCF", "Cleveland Clinic Main Campus")),
    ("223302", "BOSTON CHILDREN'S HOSPITAL", ("BCH",)),
    ("453304", "TEXAS CHILDRENS HOSPITAL", ("TCH",)),
    ("390164", "UPMC PRESBYTERIAN SHADYSIDE", ("UPMC Presbyterian", "UPMC Shadyside")),
    ("260032", "BARNES JEWISH HOSPITAL", ("BJH",)),
    ("010033", "UNIVERSITY OF ALABAMA HOSPITAL", ("UAB Hospital", "UAB")),
    ("340061", "UNC HOSPITALS", ("UNC Medical Center",)),
    ("220075", "MASSACHUSETTS EYE AND EAR INFIRMARY -", ("Mass Eye and Ear",)),
    ("050262", "RONALD REAGAN UCLA MEDICAL CENTER", ("UCLA Medical Center",)),
    ("140281", "NORTHWESTERN MEMORIAL HOSPITAL", ("NMH",)),
    ("340047", "NORTH CAROLINA BAPTIST HOSPITAL", ("Wake Forest Baptist",)),
    ("230046", "UNIVERSITY OF MICHIGAN HEALTH SYSTEM", ("Michigan Medicine",)),
    ("160058", "UNIVERSITY OF IOWA HOSPITAL & CLINICS", ("UIHC",)),
    ("070022", "YALE-NEW HAVEN HOSPITAL", ("YNHH",)),
    ("050228", "ZUCKERBERG SAN FRANCISCO GENERAL HOSP & TRAUMA CTR", ("SF General", "ZSFG")),
    ("060024", "UNIVERSITY OF COLORADO HOSPITAL AUTHORITY", ("UCHealth Anschutz",)),
    ("053305", "LUCILE SALTER PACKARD CHILDREN'S HSP AT STANFORD", ("LPCH",)),
    ("100128", "TAMPA GENERAL HOSPITAL", ("TGH",)),
    ("390111", "HOSPITAL OF UNIV OF PENNSYLVANIA", ("HUP", "Penn Medicine HUP")),
    ("300003", "MARY HITCHCOCK MEMORIAL HOSPITAL", ("Dartmouth Hitchcock Medical Center", "DHMC")),
]


def seed_known_aliases(staff) -> int:
    """Give the hospitals present their known short names, through the service staff use (so
    each is in the hospital's history). Idempotent; returns how many were added."""
    ccns = [ccn for ccn, _, _ in KNOWN_ALIASES]
    hospitals = {
        entity.ccn: entity
        for entity in Entity.objects.filter(kind=EntityKind.HOSPITAL, ccn__in=ccns)
    }
    present = set(
        EntityAlias.objects.filter(entity__in=hospitals.values()).values_list(
            "entity__ccn", "folded"
        )
    )
    added = 0
    for ccn, _, aliases in KNOWN_ALIASES:
        hospital = hospitals.get(ccn)
        for alias in aliases:
            if hospital is None or (ccn, fold(alias)) in present:
                continue
            add_alias(actor=staff, entity=hospital, alias=alias, via="demo")
            added += 1
    return added
