"""Invented names for `seed-scale` (see `core.scale`): people, places and the cities they are
in. Every generated person, organization and listing takes its name from here, so none is a
real one; the lists are long enough that a million physicians rarely share a full name."""

from __future__ import annotations

import random

FIRST_NAMES = [
    "Aaliyah", "Abigail", "Adaeze", "Adrian", "Aiko", "Alejandro", "Amara", "Amelia", "Anika",
    "Arjun", "Ayesha", "Beatriz", "Benjamin", "Bianca", "Caleb", "Camila", "Carmen", "Chidi",
    "Chloe", "Daniel", "Deepa", "Diego", "Dmitri", "Elena", "Elias", "Emeka", "Esther",
    "Ezra", "Farid", "Fatima", "Felix", "Freya", "Gabriel", "Grace", "Hana", "Hannah",
    "Hiroshi", "Ibrahim", "Imani", "Ines", "Isaac", "Ivy", "Jonah", "Julia", "Jun",
    "Kai", "Keiko", "Kwame", "Laila", "Lena", "Leon", "Luis", "Lucia", "Malik",
    "Marcus", "Maya", "Mei", "Naomi", "Nadia", "Nikhil", "Noah", "Olivia", "Omar",
    "Oscar", "Pedro", "Priya", "Quinn", "Rafael", "Rania", "Rosa", "Ruth", "Samuel",
    "Sana", "Sofia", "Tanvi", "Theo", "Thomas", "Uma", "Valeria", "Victor", "Wen",
    "William", "Ximena", "Yara", "Yusuf", "Zainab", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Abernathy", "Achterberg", "Adeyemi", "Alvarado", "Bhattacharya", "Blackwood", "Brennan",
    "Castellano", "Cavanaugh", "Chaudhry", "Delacroix", "Donnelly", "Drummond", "Ellsworth",
    "Eriksen", "Espinoza", "Fairbanks", "Ferreira", "Fitzgerald", "Gallagher", "Greenfield",
    "Gutierrez", "Halvorsen", "Hartwell", "Hollister", "Ibarra", "Ingersoll", "Iwasaki",
    "Jablonski", "Jovanovic", "Kaminski", "Kensington", "Kowalczyk", "Lachance", "Lindgren",
    "Lockhart", "Mahoney", "Marchetti", "Montague", "Nakamura", "Northcott", "Novak",
    "Oyelaran", "Okonkwo", "Osterberg", "Pemberton", "Petrovic", "Prescott", "Quintero",
    "Rasmussen", "Redfield", "Rinaldi", "Sandoval", "Stanhope", "Szabo", "Talbot",
    "Thorvaldsen", "Trujillo", "Underwood", "Valdivia", "Vandermeer", "Varga", "Whitcombe",
    "Winslow", "Wojcik", "Xiong", "Yamamoto", "Yilmaz", "Zielinski", "Zimmerman",
]  # fmt: skip
# Places of no real hospital's name: the first word of generated organizations and listings.
PLACES = [
    "Alder", "Ashford", "Aspen", "Bayview", "Beacon", "Birch", "Blue", "Brook", "Cedar",
    "Clearwater", "Copper", "Cypress", "Eagle", "Elm", "Evergreen", "Fairhaven", "Falcon", "Fox",
    "Glacier", "Golden", "Granite", "Harbor", "Hawthorn", "Heron", "Hickory", "Highland",
    "Juniper", "Lakeshore", "Laurel", "Linden", "Magnolia", "Maple", "Meadow", "Mesa", "Mill",
    "Mirror", "North", "Oak", "Orchard", "Pine", "Prairie", "Quarry", "Raven", "Red", "Ridge",
    "River", "Rock", "Sage", "Silver", "Spring", "Stone", "Summit", "Sycamore", "Timber", "Valley",
    "Willow", "Wren",
]  # fmt: skip
SECOND_PLACES = [
    "Bend", "Creek", "Crest", "Falls", "Field", "Glen", "Grove", "Hill", "Hollow", "Park",
    "Point", "Run", "Vale", "View",
]  # fmt: skip
# (city, state, ZIP): where generated organizations are.
CITIES = [
    ("Rochester", "MN", "55901"), ("Duluth", "MN", "55802"), ("Minneapolis", "MN", "55401"),
    ("Madison", "WI", "53703"), ("Des Moines", "IA", "50309"), ("Omaha", "NE", "68102"),
    ("Columbus", "OH", "43215"), ("Ann Arbor", "MI", "48104"), ("Indianapolis", "IN", "46204"),
    ("Chicago", "IL", "60601"), ("St. Louis", "MO", "63101"), ("Wichita", "KS", "67202"),
    ("Boston", "MA", "02108"), ("Hartford", "CT", "06103"), ("Providence", "RI", "02903"),
    ("Burlington", "VT", "05401"), ("Portland", "ME", "04101"), ("Albany", "NY", "12207"),
    ("Buffalo", "NY", "14202"), ("Pittsburgh", "PA", "15222"), ("Newark", "NJ", "07102"),
    ("Baltimore", "MD", "21201"), ("Richmond", "VA", "23219"), ("Raleigh", "NC", "27601"),
    ("Charleston", "SC", "29401"), ("Atlanta", "GA", "30303"), ("Tampa", "FL", "33602"),
    ("Nashville", "TN", "37203"), ("Louisville", "KY", "40202"), ("Birmingham", "AL", "35203"),
    ("Jackson", "MS", "39201"), ("New Orleans", "LA", "70112"), ("Little Rock", "AR", "72201"),
    ("Tulsa", "OK", "74103"), ("Houston", "TX", "77002"), ("Austin", "TX", "78701"),
    ("Dallas", "TX", "75201"), ("Albuquerque", "NM", "87102"), ("Phoenix", "AZ", "85004"),
    ("Denver", "CO", "80202"), ("Salt Lake City", "UT", "84111"), ("Boise", "ID", "83702"),
    ("Billings", "MT", "59101"), ("Cheyenne", "WY", "82001"), ("Reno", "NV", "89501"),
    ("Sacramento", "CA", "95814"), ("San Diego", "CA", "92101"), ("Fresno", "CA", "93721"),
    ("Portland", "OR", "97204"), ("Spokane", "WA", "99201"), ("Seattle", "WA", "98101"),
    ("Anchorage", "AK", "99501"), ("Honolulu", "HI", "96813"), ("San Juan", "PR", "00901"),
]  # fmt: skip


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def place_name(rng: random.Random) -> str:
    """An invented place: "Cedar Glen", "Willow"."""
    first = rng.choice(PLACES)
    return f"{first} {rng.choice(SECOND_PLACES)}" if rng.random() < 0.6 else first
