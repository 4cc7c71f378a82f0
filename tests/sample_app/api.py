from ninja import Router

from .panels import READINGS

router = Router()


@router.get("/items", response=list[str], auth=None)
def items(request):
    return READINGS
