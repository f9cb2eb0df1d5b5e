"""Policy alerts: subscribe with double opt-in, hear when a published change makes
the enterprise eligible for a policy or changes its estimate, and leave (deleting
everything) from any alert."""
