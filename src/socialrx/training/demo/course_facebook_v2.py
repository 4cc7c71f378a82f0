"""The lesson version 2 of "Starting a hospital Facebook page safely" added."""

OWN_INFORMATION = """\
## A patient posts about their own care

Patients often share their own news on your page: a diagnosis, a surgery date, a photo of a
newborn in your maternity unit. HIPAA limits what the **hospital** discloses; it does not stop
patients from talking about themselves. But your reply can turn their story into a disclosure
by the hospital.

## How to reply

- **Don't add anything.** Do not mention the unit, the clinician, the procedure or the dates,
  even when the patient did.
- **Don't confirm.** *"Congratulations to your family!"* works; *"We loved caring for you and
  baby Emma on 4 West!"* confirms care and adds details.
- **Move questions to a private channel.** If the patient asks something about their care,
  give the phone number or patient portal; never ask for details in the comments.

## When to hide a patient's own post

You may hide or remove a post when it shares **someone else's** health information (a
relative posting about a patient who has not agreed), when it includes a visible record
number or wristband, or when it asks for clinical advice you cannot give in public. Tell the
person privately why, if you can, and point to your comment policy.

## Sharing a patient's post on your own page

Sharing or quoting a patient's post on the hospital's page is a use by the hospital. Treat it
like any patient story: the patient's signed authorization first, and let them see the post
before it goes up.
"""
