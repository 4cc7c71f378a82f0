"""The demo conference's speakers, written for the demo: fictional people (the event page says
so) with the field's real roles, from communication teams, clinicians, counsel, IT and the
center itself."""

from .program import SpeakerText

SPEAKERS = [
    SpeakerText(
        "lena-ortiz",
        "Lena Ortiz",
        "MBA",
        "Vice President, Marketing and Communications",
        "Lakeshore Health System",
        "Lena built Lakeshore's social media program from one Facebook page in 2011 to a "
        "team of six serving twelve hospitals. She chairs the system's digital governance "
        "committee, where legal, IT and clinical leaders sign off on policy together.",
    ),
    SpeakerText(
        "samuel-okafor",
        "Samuel Okafor",
        "MD, FACP",
        "Internist and Associate Professor of Medicine",
        "Prairie University Medical Center",
        "Dr. Okafor teaches residents how to answer patients' questions online without giving "
        "individual advice. His short videos on blood pressure have been shared by patient "
        "groups in three states.",
    ),
    SpeakerText(
        "grace-huang",
        "Grace Huang",
        "JD",
        "Associate General Counsel, Privacy",
        "Northfield Health",
        "Grace advises hospital communication teams on HIPAA, consent for patient stories and "
        "record retention for social media. She wrote Northfield's first social media policy.",
    ),
    SpeakerText(
        "marcus-bell",
        "Marcus Bell",
        "",
        "Senior Coach",
        "SocialRx Center",
        "Marcus coaches member organizations' communication teams, from a first editorial "
        "calendar to crisis drills.",
    ),
    SpeakerText(
        "priya-raman",
        "Priya Raman",
        "PhD",
        "Health Services Researcher",
        "SocialRx Center",
        "Priya studies how hospitals' social media activity relates to patient experience "
        "scores (HCAHPS), with public CMS data and the center's registry.",
    ),
    SpeakerText(
        "tom-whitaker",
        "Tom Whitaker",
        "",
        "Director of Digital Communications",
        "Riverside Regional Medical Center",
        "Tom runs Riverside's Facebook, Instagram and YouTube accounts with two colleagues and "
        "a rota of physician contributors.",
    ),
    SpeakerText(
        "ana-delgado",
        "Ana Delgado",
        "RN, MSN",
        "Nurse Educator",
        "Valley Children's Hospital",
        "Ana leads Valley Children's bilingual patient education series on Instagram and "
        "trains nurses to share their work without sharing patients.",
    ),
    SpeakerText(
        "james-carter",
        "James Carter",
        "MD",
        "Emergency Physician",
        "St. Brendan's Hospital",
        "Dr. Carter writes about emergency care on X and LinkedIn and helped his hospital plan "
        "its response when a post about a patient went viral.",
    ),
    SpeakerText(
        "helen-brooks",
        "Helen Brooks",
        "",
        "Chief Information Security Officer",
        "Lakeshore Health System",
        "Helen moved Lakeshore from blocking social media on staff computers to managing "
        "accounts safely: shared-credential vaults, two-factor sign-in and access reviews.",
    ),
    SpeakerText(
        "david-kim",
        "David Kim",
        "MPH",
        "Manager, Community Outreach",
        "Harbor Community Health Center",
        "David uses Facebook groups and text reminders to bring patients to free screening "
        "days at a federally qualified health center.",
    ),
    SpeakerText(
        "rachel-stein",
        "Rachel Stein",
        "",
        "Social Media Manager",
        "Prairie University Medical Center",
        "Rachel manages twenty-two accounts across a university health system and measures "
        "what each one is for.",
    ),
    SpeakerText(
        "omar-haddad",
        "Omar Haddad",
        "MD, MBA",
        "Chief Medical Officer",
        "Northfield Health",
        "Dr. Haddad sponsors Northfield's physician social media program and talks to boards "
        "about risk and benefit in plain numbers.",
    ),
    SpeakerText(
        "beth-lawson",
        "Beth Lawson",
        "",
        "Podcast Producer",
        "Riverside Regional Medical Center",
        "Beth produces Riverside's monthly podcast with its physicians and nurses.",
    ),
    SpeakerText(
        "kwame-mensah",
        "Kwame Mensah",
        "PharmD",
        "Clinical Pharmacist",
        "Valley Children's Hospital",
        "Kwame answers medication questions in short videos and reviews colleagues' drafts "
        "for accuracy.",
    ),
    SpeakerText(
        "sofia-marin",
        "Sofia Marin",
        "",
        "Recruitment Marketing Lead",
        "Lakeshore Health System",
        "Sofia's nurse recruitment campaigns on Instagram and LinkedIn cut Lakeshore's time to "
        "fill by a third.",
    ),
    SpeakerText(
        "ian-fletcher",
        "Ian Fletcher",
        "PhD",
        "Associate Professor of Health Communication",
        "Prairie University",
        "Ian studies misinformation about vaccines and how clinicians' replies change what "
        "readers believe.",
    ),
    SpeakerText(
        "nora-quinn",
        "Nora Quinn",
        "",
        "Director, SocialRx Center",
        "SocialRx Center",
        "Nora leads the center's network of member organizations, its training and research.",
    ),
]
