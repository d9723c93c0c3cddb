"""Reading and checking annotations: from files on disk to a validated, anchored catalog.

Nothing here knows about a site generator.
"""
