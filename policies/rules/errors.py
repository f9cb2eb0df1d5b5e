"""The one error rule data can raise: a rule the engine cannot evaluate."""


class RuleError(ValueError):
    """Rule data that names an unknown fact, mixes types or lacks an amount's inputs.

    Raised when a rule set is compiled, so a broken rule is refused before any
    enterprise is assessed with it rather than failing midway through a check.
    """
