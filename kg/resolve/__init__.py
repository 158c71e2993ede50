"""Identity across articles: which names are one person, which reports one event."""
