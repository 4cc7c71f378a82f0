from ninja import Router, Schema

from socialrx.core.api_errors import documented

router = Router()


class MeOut(Schema):
    public_id: str
    email: str
    full_name: str
    professional_title: str
    credentials: str
    specialty: str
    time_zone: str
    center_roles: list[str]


@router.get("/me", **documented(MeOut, 401, 403), summary="The signed-in person")
def me(request):
    user = request.user
    return {
        "public_id": str(user.public_id),
        "email": user.email,
        "full_name": user.full_name,
        "professional_title": user.professional_title,
        "credentials": user.credentials,
        "specialty": user.specialty,
        "time_zone": user.time_zone,
        "center_roles": [str(role) for role in user.center_roles],
    }
