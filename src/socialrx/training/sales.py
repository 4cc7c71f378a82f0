"""What training sells through billing: a course (to non-members, where staff price it), boot
camp seats (member prices from the plan), and an accepted on-site training quote."""

from .services.boot_camp_sales import SEAT_KIND
from .services.course_sales import COURSE_KIND
from .services.onsite_sales import ONSITE_KIND

KINDS = [COURSE_KIND, SEAT_KIND, ONSITE_KIND]
