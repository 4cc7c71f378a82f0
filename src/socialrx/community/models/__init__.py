from .directory import DirectoryMessage, DirectoryProfile, OrganizationEntry
from .forums import Category, CategoryGrouping, Mention, Post, Thread, ThreadKind, ThreadRead
from .moderation import Flag, FlagOutcome, FlagReason, Suspension
from .notifications import EmailMode, Follow, Notification, NotificationKind, NotificationPreference

__all__ = [
    "Category",
    "CategoryGrouping",
    "DirectoryMessage",
    "DirectoryProfile",
    "EmailMode",
    "Flag",
    "FlagOutcome",
    "FlagReason",
    "Follow",
    "Mention",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "OrganizationEntry",
    "Post",
    "Suspension",
    "Thread",
    "ThreadKind",
    "ThreadRead",
]
