from socialrx.core.permissions import declare, is_authenticated, is_org_member

declare(
    {
        "sample_app.view_reading_list": is_authenticated,
        "sample_app.view_org_reading_list": is_org_member,
    }
)
