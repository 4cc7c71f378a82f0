"""The people of the events demo: training's cast (the center's staff and the demo
organizations' people, made by the organizations' demo), three students of a fictional
university with demo accounts (the Student ticket's buyer and its waitlist), and the colleagues
and classmates the buyers register, who have no account (attendees need none).

Every address is at a fictional ".example" domain."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.accounts.demo import DEMO_PASSWORD, Person, demo_user
from socialrx.core.demo import DemoContext, Login
from socialrx.training.demo.people import Cast, cast_of

from ..services.registration import AttendeeDetails

UNIVERSITY = "Prairie University"
STUDENTS = {
    "maya": Person(
        email="maya.patel@student.prairie-u.example",
        full_name="Maya Patel",
        professional_title="MPH student, health communication",
    ),
    "luis": Person(
        email="luis.romero@student.prairie-u.example",
        full_name="Luis Romero",
        professional_title="MPH student, health communication",
    ),
    "hannah": Person(
        email="hannah.kim@student.prairie-u.example",
        full_name="Hannah Kim",
        professional_title="BSN student",
    ),
}


@dataclass(frozen=True)
class People:
    cast: Cast
    maya: object  # registers her classmates for the Student ticket
    luis: object  # first on the Student waitlist: a place is offered to him
    hannah: object  # second on the waitlist, still waiting

    def __getitem__(self, name: str):
        if name in STUDENTS:
            return getattr(self, name)
        return self.cast[name]


def people_of(context: DemoContext) -> People:
    students = {name: demo_user(person) for name, person in STUDENTS.items()}
    context.add_logins(
        f"{UNIVERSITY} (students: the Student ticket and its waitlist)",
        [Login(user.email, DEMO_PASSWORD, "Member", user.full_name) for user in students.values()],
    )
    return People(cast=cast_of(context), **students)


def details_of(user, organization: str = "", **needs: str) -> AttendeeDetails:
    """An attendee who has an account: their own name, email and title."""
    return AttendeeDetails(
        full_name=user.full_name,
        email=user.email,
        job_title=user.professional_title,
        organization_name=organization,
        **needs,
    )


@dataclass(frozen=True)
class Guest:
    """Someone registered by a colleague, without an account: "Ana Lopez", title, needs."""

    full_name: str
    job_title: str
    dietary_needs: str = ""
    accessibility_needs: str = ""

    def details(self, domain: str, organization: str) -> AttendeeDetails:
        first, *rest = self.full_name.lower().replace("'", "").split()
        email = f"{first}.{'-'.join(rest)}@{domain}"
        return AttendeeDetails(
            full_name=self.full_name,
            email=email,
            job_title=self.job_title,
            organization_name=organization,
            dietary_needs=self.dietary_needs,
            accessibility_needs=self.accessibility_needs,
        )


def guests(names: tuple[Guest, ...], *, domain: str, organization: str) -> list[AttendeeDetails]:
    return [guest.details(domain, organization) for guest in names]


RIVERSIDE_DOMAIN = "riverside-rmc.example"
NORTH_STAR_DOMAIN = "northstarhealth.example"
LAKESIDE_DOMAIN = "lakesidefp.example"
STUDENT_DOMAIN = "student.prairie-u.example"
NURSING_DOMAIN = "student.rochester-nursing.example"

G = Guest
# Riverside's colleagues at last year's summit.
RIVERSIDE_2026 = (
    G("Tom Brandt", "Web Content Editor"),
    G("Aisha Rahman", "Marketing Coordinator", dietary_needs="Halal"),
    G("Brian Walsh", "Public Relations Specialist"),
    G("Carmen Ortega", "Community Outreach Coordinator"),
    G("Derek Lund", "Physician Liaison"),
    G("Fiona Gallagher", "Clinical Nurse Specialist", "Vegetarian"),
    G("Greg Halvorsen", "Videographer"),
    G("Irene Novak", "Patient Experience Manager"),
    G("Jamal Carter", "Graphic Designer"),
    G("Kristin Berg", "Recruitment Marketing Specialist"),
    G("Leo Martinez", "Hospitalist", accessibility_needs="Reserved seat near the front"),
)
NORTH_STAR_2026 = (
    G("Jordan Ellis", "Digital Marketing Manager"),
    G("Megan O'Brien", "Brand Manager"),
    G("Nate Fischer", "Social Media Specialist"),
    G("Olga Petrova", "Privacy Officer"),
    G("Paul Sandoval", "Director of Public Affairs"),
    G("Quinn Harper", "Content Strategist", "Gluten-free"),
    G("Rosa Jimenez", "Bilingual Communications Specialist"),
    G("Sam Whitfield", "Analytics Manager"),
    G("Tara Nguyen", "Internal Communications Lead"),
    G("Victor Hale", "Chief Nursing Officer", accessibility_needs="Wheelchair access"),
)
LAKESIDE_2026 = (
    G("Wendy Larson", "Nurse Practitioner"),
    G("Zach Moore", "Front Desk Lead"),
    G("Yusuf Ali", "Medical Assistant"),
)
STUDENTS_2026 = (
    G("Ben Okoro", "MPH student"),
    G("Chloe Tran", "MPH student", "Vegan"),
    G("Diego Santos", "MPH student"),
    G("Emma Lindgren", "MPH student"),
    G("Farah Haddad", "BSN student"),
    G("Grace Yoon", "MPH student"),
    G("Henry Adams", "MPH student", accessibility_needs="Live captions"),
)
# This year's summit.
NORTH_STAR_2027 = (G("Jordan Ellis", "Digital Marketing Manager"),)
LAKESIDE_2027 = (
    G("Zach Moore", "Front Desk Lead"),
    G("Wendy Larson", "Nurse Practitioner"),
    G("Yusuf Ali", "Medical Assistant", "Vegetarian"),
)
NURSING_STUDENTS_2027 = (
    G("Abby Kowalski", "Nursing student"),
    G("Caleb Johnson", "Nursing student"),
    G("Dana Morales", "Nursing student", "Nut allergy"),
    G("Eli Svenson", "Nursing student"),
    G("Hope Anderson", "Nursing student"),
    G("Isaac Reyes", "Nursing student"),
    G("Julia Ward", "Nursing student", accessibility_needs="Step-free access"),
    G("Kai Nakamura", "Nursing student"),
)
STUDENTS_2027 = (
    G("Ben Okoro", "MPH student"),
    G("Chloe Tran", "MPH student", "Vegan"),
    G("Diego Santos", "MPH student"),
    G("Emma Lindgren", "MPH student"),
    G("Farah Haddad", "BSN student"),
    G("Grace Yoon", "MPH student"),
    G("Henry Adams", "MPH student", accessibility_needs="Live captions"),
    G("Iris Cho", "MPH student"),
    G("Jonah Weiss", "MPH student"),
    G("Kira Lopez", "BSN student"),
    G("Liam Byrne", "MPH student"),
)
