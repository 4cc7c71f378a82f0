"""Every write to the registry: one function per use case, each transactional, checking
permission itself and keeping history (who, when, before and after) in the audit log."""
