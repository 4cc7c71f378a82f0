from .case_studies import CaseStudy, ResultFigure
from .files import FileKind, ResourceFile, ResourceVersion
from .news import DigestIssue, NewsPost
from .podcast import PodcastEpisode
from .resources import (
    TIMED_KINDS,
    VERSIONED_KINDS,
    Access,
    Audience,
    Resource,
    ResourceKind,
    ResourceReview,
    ResourceStatus,
)
from .site import ContactMessage, ContactTopic, SitePage, SitePageKey
from .usage import DailyUse, LibraryVisit, ReaderHistory, UseKind

__all__ = [
    "TIMED_KINDS",
    "VERSIONED_KINDS",
    "Access",
    "Audience",
    "CaseStudy",
    "ContactMessage",
    "ContactTopic",
    "DailyUse",
    "DigestIssue",
    "FileKind",
    "LibraryVisit",
    "NewsPost",
    "PodcastEpisode",
    "ReaderHistory",
    "Resource",
    "ResourceFile",
    "ResourceKind",
    "ResourceReview",
    "ResourceStatus",
    "ResourceVersion",
    "ResultFigure",
    "SitePage",
    "SitePageKey",
    "UseKind",
]
