"""The quiz form: one field per question of an attempt, in the order the attempt shows them
(radio buttons for one answer, checkboxes for all that apply). Unanswered questions count as
wrong, so no field is required; the service grades and refuses anything forged."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form

from .selectors.lessons import ShownQuestion


def field_name(question_key: str) -> str:
    return f"q-{question_key}"


class QuizForm(Form):
    def __init__(self, questions: list[ShownQuestion], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(choice.key, choice.text) for choice in question.choices]
            if question.is_single:
                field = forms.ChoiceField(
                    label=question.prompt, choices=choices, widget=forms.RadioSelect, required=False
                )
            else:
                field = forms.MultipleChoiceField(
                    label=question.prompt,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            self.fields[field_name(question.key)] = field

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = field_name(question.key)
            if question.is_single and len(self.data.getlist(name)) > 1:
                self.add_error(name, "Choose only one answer to this question.")
        return cleaned

    def rows(self):
        """(question, bound field) pairs for the template, in the attempt's order."""
        return [(question, self[field_name(question.key)]) for question in self.questions]

    def answers(self) -> dict[str, list[str]]:
        """{question key: [choice key, ...]} of the questions answered."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question.key))
            chosen = [value] if isinstance(value, str) and value else list(value or [])
            if chosen:
                answers[question.key] = chosen
        return answers
