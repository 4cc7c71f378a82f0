"""Factories for every model; tests build data through these, never by hand."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone

from socialrx.accounts.models import User
from socialrx.organizations.models import (
    Invitation,
    Organization,
    OrganizationType,
    OrgRole,
    Seat,
)

DEFAULT_PASSWORD = "correct-horse-battery-staple-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example-health.org")
    full_name = factory.Faker("name")
    professional_title = "Communications manager"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Allauth needs a verified address before it lets a person sign in."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()


class StaffFactory(UserFactory):
    is_staff = True


class CoachFactory(UserFactory):
    is_coach = True


class ResearcherFactory(UserFactory):
    is_researcher = True


def give_mfa(user: User) -> Authenticator:
    """A TOTP authenticator, so a center-role user passes the MFA gate."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret()).instance


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    org_type = OrganizationType.HOSPITAL
    name = factory.Sequence(lambda n: f"Riverside Medical Center {n}")
    city = "Rochester"
    state = "MN"
    licensed_beds = 350
    website = "https://www.riverside-example.org"


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrgRole.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example-health.org")
    role = OrgRole.MEMBER
    nonce = factory.Sequence(lambda n: f"nonce{n:08d}")
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


def org_with_admin(**org_kwargs) -> tuple[Organization, User]:
    organization = OrganizationFactory(**org_kwargs)
    admin = UserFactory()
    SeatFactory(organization=organization, user=admin, role=OrgRole.ADMIN)
    return organization, admin
