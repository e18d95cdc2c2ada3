"""Saved searches: a signed-in contact keeps a search (or a filtered list) under a name and hears of its new
matches at once, in a daily digest or in a weekly one, in their language and zone.

    queries    a saved search's query: read from a page's parameters, rebuilt for the engine, said in words
    services   save, rename, change, delete, one-click unsubscribe (signed token)
    selectors  a contact's saved searches, and which are due at an instant (digest slots in the contact's zone)
    mailing    the new matches of each due search, one outbox mail each, written with what it mailed
"""
