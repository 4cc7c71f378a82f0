"""On PostgreSQL the forum search's "contains" is served by trigram indexes on UPPER(post
text) and UPPER(thread title) (migration 0002): the planner may use them."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_the_search_columns_have_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE indexname IN ('community_post_search_trgm', 'community_thread_title_trgm') "
            "ORDER BY indexname"
        )
        rows = cursor.fetchall()

    assert [name for name, _ in rows] == [
        "community_post_search_trgm",
        "community_thread_title_trgm",
    ]
    assert "upper(search_text) gin_trgm_ops" in rows[0][1]
    assert "upper((title)::text) gin_trgm_ops" in rows[1][1]
