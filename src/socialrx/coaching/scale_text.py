"""The words of coaching's scale data (see scale.py): short, varied, and saying they were
generated for the benchmarks wherever a page shows them."""

GENERATED = "Generated for the benchmarks."

HEADLINES = [
    "Hospital social media that survives the bad day",
    "Physicians on LinkedIn and X, within the rules",
    "Patient education on YouTube and TikTok",
    "Reviews, reputation and replies legal approves",
    "Recruiting nurses and physicians through social media",
    "Measuring what social media changes",
    "Small practices, one post a week",
    "Community outreach and events online",
]

# (title, goals) of an engagement
ENGAGEMENTS = [
    ("Crisis readiness", "Holding statements approved in advance and an after-hours rota."),
    ("Review responses", "Reply to reviews within a working day without confirming a visit."),
    ("Physician visibility", "Physicians post once a week under their own names."),
    ("Patient education videos", "A monthly short video series clinicians review once."),
    ("Nurse recruitment", "Fill open RN positions through staff's own networks."),
    ("Measuring results", "A monthly report tying reach to appointments booked."),
    ("Securing shared accounts", "A password manager, two-factor sign-in, fewer admins."),
    ("Community outreach", "Events and screenings announced where neighbors look."),
    ("Foundation fundraising", "Donor stories with consent, and a giving-day campaign."),
    ("Policy and approvals", "A social media policy and an approval path of one day."),
]

AGENDAS = [
    "Review of last month's posts and replies",
    "Drafting the approval path with legal",
    "Holding statements for the outage scenario",
    "Profiles and disclosures for the physician volunteers",
    "Planning the video series: scripts and consent",
    "Building the monthly report",
    "Answering comments and direct messages",
    "Tabletop exercise debrief",
    "Content calendar for the next quarter",
    "Shared accounts: who keeps admin rights",
]

SHARED_NOTES = [
    "## Summary\n\n- Reviewed the drafts together.\n- Agreed the next three posts.\n\n",
    "## What we agreed\n\n- Replies never confirm a visit.\n- One approver after hours.\n\n",
    "## Next steps\n\n- Finish the profile checklist.\n- Share the calendar with legal.\n\n",
    "## Progress\n\nThe approval time fell from five days to two.\n\n",
]

CENTER_NOTES = [
    "The team is stretched thin; keep homework small.",
    "Leadership support is lukewarm; bring peer examples next time.",
    "Legal is the bottleneck; suggest approving templates, not posts.",
]

ACTION_ITEMS = [
    "Collect the last ten reviews and the replies posted",
    "Send the draft policy to legal",
    "Turn on two-factor authentication on every shared account",
    "Write the holding statement for an outage",
    "Draft three posts for next month",
    "Record the first patient-education video",
    "Book the tabletop exercise",
    "Set up the monthly report",
]

AUDIENCES = [
    "Patients and families in our service area, and the nurses we are recruiting.",
    "Referring physicians and patients new to the area.",
    "Caregivers of older patients, many of them on Facebook.",
]
