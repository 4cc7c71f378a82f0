"""The demo's audio lesson: a short narration read by a computer voice (espeak-ng), its WebVTT
captions and its transcript, all from the same sentences below, so the three always agree.

The files in `media/` were made once, at development time, by running this module
(`python -m socialrx.training.demo.narration`, which needs `espeak-ng` and `sox` with Ogg
Vorbis); the demo only copies them into private storage. Each caption cue is one sentence,
timed from the length of that sentence's own recording."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

MEDIA_DIR = Path(__file__).resolve().parent / "recordings"
AUDIO_NAME = "small-room-recording.ogg"
CAPTIONS_NAME = "small-room-recording.vtt"
AUDIO_TYPE = "audio/ogg"
VOICE, WORDS_PER_MINUTE = "en-us", 150
PAUSE_SECONDS = 0.35  # silence after each sentence

SENTENCES = (
    "Welcome to Podcasting for your practice.",
    "This short lesson is read by a computer-generated voice.",
    "A practice podcast works best when it answers the questions your patients already ask.",
    "Before you buy a microphone, write down three questions you hear every week.",
    "Plan one short episode for each of them, and keep every episode under fifteen minutes.",
    "Never discuss an identifiable patient without their written authorization.",
    "Finally, record in a small, soft room.",
    "A closet full of coats sounds better than an expensive microphone in an echoing office.",
)

TRANSCRIPT = (
    "Transcript (the narration is computer-generated, read by the espeak-ng speech "
    "synthesizer).\n\n" + "\n".join(SENTENCES)
)


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"00:{minutes:02d}:{secs:02d}.{millis:03d}"


def captions(durations: list[float]) -> str:
    """WebVTT with one cue per sentence, given each sentence's recorded length."""
    cues, start = ["WEBVTT", ""], 0.0
    for number, (sentence, length) in enumerate(zip(SENTENCES, durations, strict=True), 1):
        cues += [str(number), f"{timestamp(start)} --> {timestamp(start + length)}", sentence, ""]
        start += length + PAUSE_SECONDS
    return "\n".join(cues)


def build(target: Path = MEDIA_DIR) -> None:  # pragma: no cover - run by hand, not by the app
    """Record each sentence, join them with short pauses into Ogg Vorbis, write the captions."""
    tool = {name: shutil.which(name) for name in ("espeak-ng", "sox", "soxi")}
    for name, path in tool.items():
        if path is None:
            raise SystemExit(f"{name} is needed (apt-get install espeak-ng sox libsox-fmt-all).")

    def run(*args: str) -> str:
        # Fixed programs and arguments: our own sentences and file names, no shell.
        done = subprocess.run(args, check=True, capture_output=True, text=True)  # noqa: S603
        return done.stdout

    with tempfile.TemporaryDirectory() as work:
        parts, durations = [], []
        for number, sentence in enumerate(SENTENCES):
            wav, padded = (Path(work) / f"{number:02d}{end}.wav" for end in ("", "-padded"))
            run(
                tool["espeak-ng"],
                "-v",
                VOICE,
                "-s",
                str(WORDS_PER_MINUTE),
                "-w",
                str(wav),
                sentence,
            )
            durations.append(float(run(tool["soxi"], "-D", str(wav))))
            run(tool["sox"], str(wav), str(padded), "pad", "0", str(PAUSE_SECONDS))
            parts.append(str(padded))
        # Mono, 22.05 kHz, Vorbis quality 0: about 27 kb/s for speech.
        run(tool["sox"], *parts, "-C", "0", str(target / AUDIO_NAME), "channels", "1")
    (target / CAPTIONS_NAME).write_text(captions(durations), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    build()
