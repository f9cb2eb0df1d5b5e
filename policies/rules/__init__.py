"""The eligibility engine: pure Python over the fact catalogue and rule dataclasses.

Nothing here imports Django or the rest of ``policies``, so the engine can be read,
tested and timed alone. ``engine.assess`` is the entry point.
"""
