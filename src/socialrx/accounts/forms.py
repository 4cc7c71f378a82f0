from django import forms

from socialrx.core.forms import Form, ModelForm

from . import photos
from .models import TIME_ZONE_CHOICES, CenterRole, User


class PhotoField(forms.ImageField):
    """A profile photo, judged by what the file is (see `photos`): PNG, JPEG or WebP, at most
    2 MB and 25 megapixels. Cleans to the re-encoded photo, free of metadata."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)  # Django's own Pillow check is skipped
        if upload is None:
            return None
        try:
            return photos.prepare_photo(upload)
        except photos.PhotoError as error:
            raise forms.ValidationError(str(error), code="invalid_image") from error


class ProfileForm(ModelForm):
    time_zone = forms.ChoiceField(
        choices=TIME_ZONE_CHOICES, help_text="Times are shown in this zone."
    )

    class Meta:
        model = User
        fields = [
            "full_name",
            "professional_title",
            "credentials",
            "specialty",
            "time_zone",
            "photo",
        ]
        field_classes = {"photo": PhotoField}
        widgets = {
            "photo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})
        }


class ApiTokenForm(Form):
    name = forms.CharField(
        max_length=80, help_text="What will use it, for example “Monthly report script”."
    )


class CenterRolesForm(Form):
    roles = forms.MultipleChoiceField(
        choices=CenterRole.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class PeopleSearchForm(Form):
    q = forms.CharField(label="Name or email", required=False, max_length=100)
    role = forms.ChoiceField(
        label="Center role", choices=[("", "Any"), *CenterRole.choices], required=False
    )
