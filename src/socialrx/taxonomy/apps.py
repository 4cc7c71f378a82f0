from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    """The topics and platforms that training, the library and later apps tag their content
    with: one vocabulary, so a filter by "Crisis response" or "Instagram" means the same thing
    in the course catalogue and in the library."""

    name = "socialrx.taxonomy"
    label = "taxonomy"
    verbose_name = "Topics and platforms"
    staff_admin_models = ("topic", "platform")
