"""The files the library demo attaches, made at seed time: a resource's text printed to PDF
(WeasyPrint, through core.pdf), and a podcast episode's or recording's audio: the title and
summary spoken by `espeak-ng` when it is installed, otherwise a gentle three-note chime of six
seconds made here (16 kHz mono WAV). Either way the page says the audio was generated."""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from dataclasses import dataclass
from html import escape
from pathlib import Path

from socialrx.core.pdf import html_to_pdf

SPEAKER = "espeak-ng"
SPEAK_TIMEOUT_SECONDS = 20
RATE = 16_000
CHIME_SECONDS = 6
# C5, E5, G5: each note starts two seconds after the one before and fades out slowly.
NOTES = (523.25, 659.25, 783.99)
VOICE_NOTE = "Audio generated for the demo (computer voice)."
TONE_NOTE = "Audio generated for the demo (tone)."

PDF_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1d2530; }}
h1 {{ font-size: 18pt; margin: 0 0 4pt; }} h2 {{ font-size: 13pt; margin: 14pt 0 4pt; }}
.summary {{ color: #3d4754; margin-bottom: 12pt; }}
footer {{ margin-top: 18pt; font-size: 8.5pt; color: #55606e; }}
</style></head><body><h1>{title}</h1><p class="summary">{summary}</p>{body}
<footer>SocialRx library. Written for the demo of the SocialRx platform.</footer></body></html>"""


@dataclass(frozen=True)
class Audio:
    content: bytes
    note: str  # the line the page shows: computer voice or tone


def pdf_of(title: str, summary: str, body_html: str) -> bytes:
    """The resource printed: title, summary, its sanitised body (a few kilobytes)."""
    return html_to_pdf(
        PDF_PAGE.format(title=escape(title), summary=escape(summary), body=body_html)
    )


def audio_note() -> str:
    """The line the resource's text gets, saying how its audio was generated."""
    return VOICE_NOTE if shutil.which(SPEAKER) else TONE_NOTE


def audio_for(text: str) -> Audio:
    """`text` spoken by espeak-ng; the chime when espeak-ng is missing or fails."""
    spoken = _speak(text) if shutil.which(SPEAKER) else None
    if spoken:
        return Audio(spoken, VOICE_NOTE)
    return Audio(chime(), TONE_NOTE)


def _speak(text: str) -> bytes | None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "speech.wav"
        try:
            subprocess.run(  # noqa: S603 - a fixed program; the text is one argument, no shell
                [SPEAKER, "-v", "en-us", "-s", "160", "-w", str(target), text],
                check=True,
                capture_output=True,
                timeout=SPEAK_TIMEOUT_SECONDS,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        content = target.read_bytes() if target.exists() else b""
    return content or None


def chime(seconds: int = CHIME_SECONDS) -> bytes:
    """A WAV file (16 kHz, 16-bit mono) of three soft bell-like notes, one every two
    seconds, each fading out."""
    total = RATE * seconds
    samples = [0.0] * total
    gap = total // len(NOTES)
    for index, frequency in enumerate(NOTES):
        step = 2 * math.pi * frequency / RATE
        for offset in range(total - index * gap):
            fade = math.exp(-2.2 * offset / RATE)
            attack = min(1.0, offset / 400)  # no click as the note starts
            samples[index * gap + offset] += math.sin(step * offset) * fade * attack
    pcm = array("h", (int(8_000 * value) for value in samples))
    if sys.byteorder == "big":  # WAV holds little-endian samples
        pcm.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()
