"""The Django admin models center staff may look up, written out by hand (the code under test
collects them from each app's `staff_admin_models`)."""

STAFF_VIEWABLE = frozenset(
    {
        "accounts.user",
        "core.auditevent",
        "core.failedemail",
        "organizations.organization",
        "organizations.seat",
        "organizations.invitation",
        "membership.plan",
        "membership.membershipapplication",
        "membership.membership",
        "membership.membershipcharge",
        "membership.renewalreminder",
        "billing.invoice",
        "billing.payment",
        "billing.creditnote",
        "billing.refund",
        "billing.hold",
        "registry.entity",
        "registry.account",
        "registry.claim",
        "registry.correction",
        "registry.importjob",
        "taxonomy.topic",
        "taxonomy.platform",
        "schedules.commitment",
        "training.course",
        "training.courseversion",
        "training.enrolment",
        "training.certificate",
        "training.bootcamp",
        "training.registration",
        "training.waitlistentry",
        "training.onsiterequest",
    }
)
