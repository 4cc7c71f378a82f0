from django import forms

from .models import TIME_ZONE_CHOICES, CenterRole, User

MAX_PHOTO_BYTES = 2 * 1024 * 1024


class ProfileForm(forms.ModelForm):
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
        widgets = {"photo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > MAX_PHOTO_BYTES:
            raise forms.ValidationError("The photo must be 2 MB or smaller.")
        return photo


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=80, help_text="What will use it, for example “Monthly report script”."
    )


class CenterRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=CenterRole.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Name or email", required=False, max_length=100)
    role = forms.ChoiceField(
        label="Center role", choices=[("", "Any"), *CenterRole.choices], required=False
    )
