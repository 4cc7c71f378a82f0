"""The field's vocabulary, English and Spanish: the cue words that tell a patient from a
physician, a care date from an event date, and a family's phone from the hospital's main line,
and the capitalized words that are never names. Regular expressions on whole words,
case-insensitive unless a group says otherwise; kept in one place so a reviewer can read and
extend them."""

from __future__ import annotations

import regex as re


def cue_words(*alternatives: str) -> re.Pattern:
    return re.compile(r"(?<![\w@])(?:" + "|".join(alternatives) + r")(?![\w@])", re.IGNORECASE)


# Care that happens to one person. Near a name it makes the name a patient's (or a relative's);
# near a date it makes the date a care date.
CARE = cue_words(
    # being a patient
    r"patient(?! (?:portal|financial|services|experience|safety|advocates?|relations|transport"
    r"|access|liaisons?|navigators?|registration|intake|flow|care (?:team|tech|coordinator)"
    r"|(?:and )?family))",
    r"my (?:doctor|nurse|surgeon|physician|care team|appointment|visit|stay|scan|test results?"
    r"|biopsy|procedure|bill)",
    r"admitted", r"admission", r"discharged?", r"discharges", r"hospitali[sz]ed", r"stay",
    r"(?:went|goes|going|go|came|sent|coming) home", r"(?:is|are|finally|back|safely) home",
    r"home from the hospital", r"bed", r"bedside", r"hospital bed", r"room \d+\w*",
    r"wheelchair", r"crutches", r"cast", r"stitches", r"medications?", r"infusion",
    # places of care
    r"NICU", r"PICU", r"ICU", r"intensive care", r"ER", r"ED", r"emergency room",
    r"special care nursery", r"step-?down unit", r"trauma (?:center|bay|unit)",
    r"emergency department", r"cath lab", r"skilled nursing", r"hospice", r"rehab(?:ilitation)?",
    # procedures and tests
    r"surgery", r"surgeries", r"surgical", r"operation", r"operated", r"post-op", r"bypass",
    r"transplant(?:ed)?", r"C-section", r"procedure", r"biopsy", r"chemo(?:therapy)?",
    r"radiation", r"treatment", r"treated", r"therapy", r"dialysis", r"intubated",
    r"ventilator", r"pacemaker", r"ultrasound", r"MRI", r"CT scan", r"x-ray", r"A1c",
    r"\w+(?:ectomy|otomy|ostomy|plasty|oscopy|itis)", r"rang the bell", r"bell-ringing",
    # illness, injury, birth and death
    r"diagnos(?:is|ed|es)", r"sick", r"illness", r"stroke", r"heart attack", r"cardiac arrest",
    r"cancer", r"leukemia", r"lymphoma", r"tumou?r", r"sepsis", r"pneumonia", r"asthma",
    r"infection", r"fever", r"diabetes", r"insulin", r"seizures?", r"concussion", r"burns?",
    r"frostbite", r"ALS", r"RSV", r"fracture[sd]?", r"broken", r"fell", r"injur(?:y|ies|ed)",
    r"trauma", r"accident", r"ambulance", r"apnea", r"CPAP", r"CPR", r"resuscitat\w+",
    r"heart stopped", r"stopped breathing", r"brought (?:him|her|them) back", r"coded",
    r"water broke", r"(?:went|go|goes) into labou?r", r"contractions", r"pregnan(?:t|cy)",
    r"weeks pregnant", r"miscarriage", r"stillborn", r"donor family", r"organ donor",
    r"(?:new|donated|donor) (?:heart|kidney|liver|lungs?)", r"get well", r"warfarin",
    r"blood thinners?", r"brain bleed", r"appendix", r"tonsils", r"gallbladder", r"kidney",
    r"liver", r"lungs?", r"spine", r"spinal", r"knee", r"hip", r"recover(?:y|ing|ed|s)",
    r"cured?", r"born", r"birth", r"delivered", r"deliver(?:y|ies)", r"labor", r"premature",
    r"preemie", r"passed away", r"died", r"death",
    # a patient's story and family
    r"battle with", r"fight(?:s|ing)?", r"(?:his|her|their) (?:battle|journey)", r"survivor",
    r"mom of", r"mother of", r"dad of", r"father of",
    # Spanish
    r"paciente", r"ingres(?:ó|o|ada|ado)", r"dad[oa] de alta", r"alta", r"internad[oa]",
    r"hospitalizad[oa]", r"habitaci[óo]n", r"cama", r"urgencias", r"UCI(?:N|P)?",
    r"se va a casa", r"salió caminando", r"cirug[íi]a", r"operaci[óo]n", r"operad[oa]",
    r"diagn[óo]stic(?:o|ad[oa])", r"quimio(?:terapia)?", r"trasplante", r"tratamiento",
    r"recuperaci[óo]n", r"m[ée]dula", r"donante", r"leucemia", r"c[áa]ncer", r"cadera",
    r"naci[óo]", r"nacimiento", r"parto", r"falleci[óo]", r"muri[óo]", r"mam[áa] de",
    r"pap[áa] de",
)  # fmt: skip

# Stronger than CARE: words that say the person is a patient or a patient's family.
PATIENT = cue_words(
    r"(?:our |a |the |young |little |brave |former )?patient(?! (?:portal|financial|services|"
    r"experience|safety|care|advocates?|relations|satisfaction|education|access|transport"
    r"|liaisons?|navigators?|registration|intake|flow|(?:and )?family))",
    r"admitted", r"discharged",
    r"diagnosed", r"mom of", r"mother of", r"dad of", r"father of", r"parents of",
    r"survivor", r"fighter", r"warrior", r"born", r"passed away", r"recovering",
    r"get well(?: soon)?", r"welcome home", r"in (?:loving )?memory of",
    r"(?:nuestr[oa] |la |el )?paciente", r"ingres(?:ó|ada|ado)", r"dad[oa] de alta",
    r"diagnosticad[oa]", r"naci[óo]", r"falleci[óo]", r"mam[áa] de", r"pap[áa] de",
)  # fmt: skip

# A title or role just before a name (or before a list of names: "nurses Kim and Joe"): the
# name is a member of staff, not a patient. Titles match in any case, names only capitalized.
TITLES = (
    r"(?i:(?:Dr|Dra|Drs|Prof|Rev|Fr)\.?|Doctor|Doctora|Nurse|Professor|Chaplain|Pastor|CEO|CNO"
    r"|CMO|COO|CFO|President|Director|Manager|Coordinator|Surgeon|Physician|Dietitian"
    r"|Pharmacist|Therapist|Midwife|Paramedic|Volunteer|Chief|Officer|Colleague|Intern"
    r"|Resident|Fellow|Specialist|Educator|Navigator|Technician|Technologist|Advocate|Chair"
    r"|Dean|Trustee|Clerk|Sonographer|Aide|Assistant|Receptionist|Scheduler|Secretary|Guard"
    r"|Chef|Cook|Housekeeper|Transporter|Phlebotomist|Doula|Consultant|Social worker"
    r"|Case manager|Hospitalist|Anesthesiologist|Radiologist|Cardiologist|Oncologist"
    r"|Pediatrician|Neonatologist|Endocrinologist|Intensivist|Dentist|Optometrist|Author"
    r"|Speaker|Presenter|Host|Moderator|Panelist|Tech|Engineer|Mechanic|Electrician|Custodian"
    r"|Driver|Courier|Interpreter|Translator|Librarian|Analyst|Administrator|Executive"
    r"|Sitter|CNA|LPN|LVN|PCT|EMT|Medic|Scribe|Porter|Attendant|Staffer|Preceptor|Charge nurse"
    r"|Student nurse|Nursing student|Sitters|Aides|Techs"
    r"|Sen\.|Senator|Rep\.|Representative|Gov\.|Governor|Mayor|Councilmember|Councilwoman"
    r"|Councilman|Commissioner|Judge|Secretary|Congresswoman|Congressman"
    r"|nurses|physicians|surgeons|doctors|colleagues|team members?|staff(?: members?)?"
    r"|volunteers|residents|therapists|enfermer[oa]s?|m[ée]dic[oa]s?|doctor[ae]s|cirujan[oa]s?"
    r"|cardi[óo]log[oa]|pediatra|voluntari[oa]s?)"
)
STAFF_BEFORE = re.compile(
    r"(?<!\w)(?<!\b(?i:for|attention|calling all)\s+(?:all\s+)?)"  # "for staff:" is an audience
    rf"{TITLES}(?i:\s+(?:practitioners?|managers?|educators?|navigators?|specialists?|"
    r"assistants?|technicians?|directors?|leaders?|coordinators?|supervisors?|liaisons?|aides?))?"
    r"(?i:\s+(?:of|de)\s+[A-Za-z]+(?:\s+[A-Za-z]+)?)?[\s,:]+"
    r"(?:(?:[A-Z][\w'’.-]*|and|&|y),?\s+){0,4}$"
)

# Credentials or a role just after a name.
STAFF_AFTER = re.compile(
    r"^(?:'s?|’s?)?,?\s*(?:(?:of|from|de|del)\s+(?:our|the|nuestr[oa]|la)\s+(?:foundation|board|"
    r"auxiliary|fundaci[óo]n|junta|patronato)\b"
    r"|\(?(?:MD|M\.D\.|DO|D\.O\.|RN|BSN|MSN|NP|APRN|CRNA|PA-C|PA|PhD|PharmD|"
    r"DNP|FACS|FACC|FAAP|LCSW|CNM|RD|DPT|OT|PT|MPH|MBA|EMT)\b\)?"
    r"|(?:who is |is |was )?(?:our|the|a|an|one of our|nuestr[oa]|la|el)\s+"
    r"(?:new\s+|own\s+|longtime\s+|beloved\s+|amazing\s+|incredible\s+|wonderful\s+)?"
    r"(?:[a-z]+\s+){0,2}(?:chief|head|director|CEO|CNO|CMO|CFO|COO|"
    r"president|chair|manager|nurse|physician|surgeon|doctor|cardiologist|oncologist|"
    r"pediatrician|neonatologist|hospitalist|intensivist|resident|fellow|chaplain|pharmacist|"
    r"dietitian|therapist|volunteer|coordinator|educator|specialist|colleague|team|staff|"
    r"lead|medical|clinical|jefa|jefe|enfermer[oa]|m[ée]dic[oa]|doctora|cirujan[oa]|"
    r"directora?)\b)",
    re.IGNORECASE,
)

# Staff-recognition posts: a name here is a colleague being thanked, welcomed or honoured.
STAFF_POST = cue_words(
    r"retir(?:e|es|ed|ing|ement)", r"(?:welcome )?to the team", r"joins the team", r"awards?",
    r"awarded", r"nurse of the year",
    r"employee of the month", r"DAISY", r"years of service", r"work anniversary", r"promoted",
    r"promotion", r"joins? (?:us|our team)", r"joined (?:us|our team)", r"our team", r"our staff",
    r"colleagues?", r"precepted", r"shifts?", r"speaker", r"keynote", r"presenter",
    r"panelists?", r"webinar", r"grand rounds", r"jubilaci[óo]n", r"premio", r"nuestro equipo",
)  # fmt: skip

# Invitations to an event: its date, room and guests are public, not a patient's.
INVITATION = cue_words(
    r"join us", r"join", r"register", r"registration", r"RSVP", r"sign up", r"tickets?",
    r"save the date", r"mark your calendars?", r"webinar", r"come meet", r"walk with",
    r"nominate", r"lunch-and-learn", r"story time", r"reunion", r"parade", r"gala",
    r"[úu]nase", r"acomp[áa][ñn]enos", r"reg[íi]strese", r"inscr[íi]base", r"Facebook Live",
    # a broadcast or an outing the public is asked to follow
    r"tune in", r"live on", r"airs? on", r"on air", r"broadcast", r"livestream(?:ed)?",
    r"(?:hear|watch|listen to) (?:\w+['’]s )?story", r"come (?:cheer|out|celebrate|see)",
    r"cheer (?:on|for) (?!(?:him|her|them)\b)", r"reserve (?:a|your) (?:seat|spot|table)",
)  # fmt: skip

# An organization speaking about its own public contact points.
ORG_CONTACT = cue_words(
    r"main line", r"main number", r"call us", r"call our", r"our number", r"our line",
    r"our office", r"our (?:phone|hotline|helpline|nurse line|clinic|front desk)",
    r"appointments?", r"schedul(?:e|ing)", r"hotline", r"helpline", r"information line",
    r"nurse line", r"front desk", r"switchboard", r"toll[- ]free", r"24/7", r"questions\?",
    r"for more information", r"more info", r"learn more", r"visit us", r"visit our",
    r"our website", r"our site", r"our page", r"our profile", r"our account", r"website",
    r"register", r"registration", r"sign up", r"RSVP", r"tickets?", r"follow us",
    r"tag us", r"contact us", r"email us", r"reach us", r"text us", r"DM us", r"message us",
    r"located at", r"find us", r"our campus", r"(?:our )?(?:mailing|postal|street) address",
    r"our address", r"send (?:mail|letters|donations|cards) to our", r"deliveries",
    r"reserve (?:a|your) (?:seat|spot|table)",
    r"our (?:new )?(?:hospital|clinic|center|office|building)",
    r"held at", r"join us", r"our foundation", r"our main", r"media inquiries", r"press",
    r"ll[áa]m(?:enos|e al|e a|anos)",
    r"nuestr[oa] (?:l[íi]nea|n[úu]mero|sitio|p[áa]gina|oficina|cl[íi]nica)",
    r"vis[íi]tenos", r"s[íi]ganos", r"informes", r"citas?",
)  # fmt: skip

# A person's own contact point or page: a family's phone, a patient's fundraiser or journey.
PERSONAL = cue_words(
    r"her", r"his", r"their", r"hers", r"family'?s?", r"mom'?s?", r"dad'?s?", r"wife'?s?",
    r"husband'?s?", r"daughter'?s?", r"son'?s?", r"personal", r"cell", r"mobile", r"home",
    r"fundraiser", r"gofundme", r"go fund me", r"caringbridge", r"meal train", r"journey",
    r"blog", r"donate", r"donations", r"text (?:me|her|him|them)", r"reach (?:her|him|them)",
    r"su", r"sus", r"familia", r"celular", r"casa",
)  # fmt: skip

# Events and announcements: their dates, rooms and addresses are public, not a patient's.
EVENT = cue_words(
    r"join us", r"join", r"register", r"registration", r"RSVP", r"webinar", r"event", r"seminar",
    r"class(?:es)?", r"workshop", r"lecture", r"grand rounds", r"conference", r"symposium",
    r"fair", r"screenings?", r"walk", r"5K", r"fun run", r"gala", r"concert", r"reunion",
    r"opens", r"opening", r"open house", r"deadline", r"session", r"meeting", r"town hall",
    r"tickets?", r"livestream", r"Facebook Live", r"tune in", r"lunch-and-learn",
    r"support group", r"meets", r"blood drive", r"mark your calendars?", r"save the date",
    r"story time", r"come meet", r"celebrate", r"awareness", r"nominate",
    r"feria", r"evento", r"taller", r"charla", r"inscr[íi]base", r"reg[íi]strese", r"[úu]nase",
    r"acomp[áa]e?[ñn]enos", r"reuni[óo]n",
)  # fmt: skip

# The last word of a company's name: "Acme Mobility", "Harbor Labs", "Ortho Solutions",
# "Lakeview Medical Supply" sell things; they are not people.
_COMPANY_WORDS = (
    r"Mobility|Labs?|Laborator(?:y|ies)|Co|Supply|Supplies|Solutions|Technolog(?:y|ies)|Tech|"
    r"Pharma|Pharmaceuticals?|Therapeutics|Biotech|Diagnostics|Devices|Equipment|Ltd|LLP|PLLC|"
    r"Incorporated|Corporation|Enterprises|Industries|Partners|Associates|Holdings|Brands|"
    r"Products|Wellness|Orthopedics|Orthotics|Prosthetics|Optical|Dental|Imaging|"
    r"Homecare|Outfitters|Apothecary|Drugs|Outlet"
)
# A capitalized word that makes the whole run an organization, a place, an event or a title.
ORG_WORDS = re.compile(
    rf"^(?:{_COMPANY_WORDS}|"
    r"Hospital|Health|Healthcare|Medical|Medicine|Center|Centre|Clinic|Foundation|Institute|"
    r"University|College|School|Unit|Department|Services|Pharmacy|Church|Chapel|Award|Awards|"
    r"Day|Week|Month|Awareness|Walk|Run|Gala|Fund|Society|Association|Program|Hall|"
    r"Auditorium|Lobby|Lifeline|Live|Regional|Memorial|County|Street|Avenue|Ave|Road|Lane|"
    r"Drive|Boulevard|Rd|Blvd|Ln|Ct|Pl|Pkwy|Hwy|Cir|Ter|Army|Navy|Marines?|Force|Corps|Club|League|Team|Group|Network|"
    r"System|Campus|Wing|Tower|Building|Garage|Cafe|Café|Company|Inc|Corp|LLC|Council|"
    r"Office|Agency|State|City|Hotel|Library|Museum|Theater|Suite|Floor|Room|Apt|Apartment|"
    r"Children['’]?s?|Kids|Women['’]?s|Control|Service|Services|Ceremony|Celebration|Brunch|"
    r"Luncheon|Dinner|Breakfast|Picnic|Vigil|Festival|Fair|Race|Marathon|Half|Relay|Classic|"
    r"Challenge|Tournament|Concert|Dock|Gate|Bay|Lot|Radiothon|Telethon|Walkathon|Danceathon|"
    r"Bikeathon|Readathon|Oktoberfest|Fest|"
    r"Hospitales?|Cl[íi]nica|Centro|Fundaci[óo]n|Universidad|Feria|D[íi]a|Semana|Mes)$"
)
# Capitalized words that are not names, English and Spanish: months, days, holidays, greetings
# and the words that open a post. Lower-cased.
# fmt: off
STOP_WORDS = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "tomorrow", "yesterday", "tonight", "christmas", "thanksgiving",
    "halloween", "easter", "valentine", "valentine's", "new", "year", "year's", "eve", "enero",
    "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
    "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
    "domingo", "hoy", "ayer", "mañana", "navidad", "nochebuena", "meet", "happy", "thank",
    "thanks", "congratulations", "congrats", "welcome", "join", "please", "huge", "big", "kudos",
    "shout", "celebrate", "celebrating", "follow", "send", "sending", "update", "ring", "nothing",
    "story", "proud", "wishing", "wish", "special", "grand", "mom", "dad", "mama", "papa", "baby",
    "little", "triplets", "twins", "patient", "patients", "nurse", "nurses", "holiday", "holidays",
    "season", "seasons", "watch", "read", "hear", "listen", "see", "support", "visit", "help",
    "learn", "check", "ask", "call", "text", "email", "register", "donate", "share", "sign",
    "tune", "come", "doctor", "team", "family", "staff", "hospital", "center", "clinic", "unit",
    "floor", "room", "bed", "north", "south", "east", "west", "mr", "mrs", "ms", "miss", "dr",
    "sgt", "don", "doña", "señor", "señora", "sra", "sr", "srta", "god", "gracias", "felicidades",
    "queremos", "qué", "que", "bienvenido", "bienvenida", "bienvenidos", "hola", "mi", "mis",
    "nuestra", "nuestro", "nuestros", "nuestras", "para", "por", "con", "sin", "más", "último",
    "última", "ayúdennos", "síganos", "llame", "visite", "conozca", "cuidar", "sigan", "feliz",
    "muchas", "muchos", "gran", "paciente", "enfermera", "enfermeras", "la", "las", "el", "los",
    "un", "una", "unos", "unas", "del", "de", "al", "y", "physician", "physicians", "surgeon",
    "employee", "volunteer", "volunteers", "chaplain", "officer", "resident", "instagram",
    "facebook", "tiktok", "youtube", "twitter", "linkedin", "threads", "whatsapp", "snapchat",
    "google", "zoom", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
])
# fmt: on
