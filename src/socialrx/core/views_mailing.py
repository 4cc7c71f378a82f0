"""Leaving a mailing list: the page an email's unsubscribe link opens (and the one-click POST
mail programs send to it, RFC 8058), and a signed-in person's email preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import mailing
from .errors import DomainError
from .forms_mailing import EmailPreferencesForm
from .plugins import EmailStream


# A mail program's one-click POST carries no cookie and no CSRF token: the signed token in the
# address is the proof, and all it can do is take its one person off its one list.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def email_unsubscribe(request, token):
    try:
        person, key = mailing.person_and_stream(token)
        if request.method == "POST":
            mailing.opt_out(person, key, via="email link")
    except DomainError as refusal:
        return render(
            request,
            "core/email_unsubscribe_invalid.html",
            {"reason": refusal.message},
            status=refusal.status_code,
        )
    stream = mailing.stream_named(key) or EmailStream(key, key)
    if request.method == "POST":
        return render(request, "core/email_unsubscribed.html", {"stream": stream})
    return render(
        request,
        "core/email_unsubscribe.html",
        {"stream": stream, "subscribed": mailing.is_subscribed(person, key)},
    )


@login_required
def email_preferences(request):
    streams = mailing.streams()
    left = mailing.left_streams(request.user)
    initial = [stream.key for stream in streams if stream.key not in left]
    form = EmailPreferencesForm(
        request.POST if request.method == "POST" else None,
        streams=streams,
        initial={"subscribed": initial},
    )
    if request.method == "POST" and form.is_valid():
        mailing.save_preferences(request.user, subscribed=form.cleaned_data["subscribed"])
        messages.success(request, "Your email preferences are saved.")
        return redirect("email_preferences")
    return render(
        request,
        "core/email_preferences.html",
        # Each list's checkbox beside its description (the choices are in `streams` order).
        {"form": form, "rows": list(zip(form["subscribed"], streams, strict=True))},
        status=400 if form.is_bound else 200,
    )
